package io.switchboard.auth;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin's credentials ({@code switchboard.admin.*}), e.g. from a Kubernetes Secret:
 * for actuator's write operations, its {@code clients}, {@code rooms} and {@code bans}
 * reads, health's components and the operations page. Without a password, writes are
 * refused altogether.
 *
 * @param username HTTP Basic user name
 * @param password HTTP Basic password; empty disables the write operations and leaves
 * {@code clients} and {@code rooms} reads anonymous (without addresses)
 * @param loginFailuresPerMinute failed logins one IP address may make per minute (bursts
 * of the same number); beyond it, requests with credentials get 429 with
 * {@code Retry-After} without being checked
 * @param maxConcurrentLogins credential checks running at once; a request that finds them
 * all busy gets 429
 */
@ConfigurationProperties("switchboard.admin")
@Validated
public record AdminProperties(@DefaultValue("admin") String username, @DefaultValue("") String password,
		@DefaultValue("10") @Min(1) int loginFailuresPerMinute, @DefaultValue("4") @Min(1) int maxConcurrentLogins) {

	public boolean writesEnabled() {
		return !this.password.isEmpty();
	}

	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + ", password=" + (writesEnabled() ? "******" : "")
				+ ", loginFailuresPerMinute=" + this.loginFailuresPerMinute + ", maxConcurrentLogins="
				+ this.maxConcurrentLogins + "]";
	}

}
