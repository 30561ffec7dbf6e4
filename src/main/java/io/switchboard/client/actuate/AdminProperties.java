package io.switchboard.client.actuate;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Credentials for the actuator's write operations ({@code switchboard.admin.*}), e.g.
 * from a Kubernetes Secret. Without a password, writes are refused altogether.
 *
 * @param username HTTP Basic user name
 * @param password HTTP Basic password; empty disables the write operations
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

	boolean writesEnabled() {
		return !this.password.isEmpty();
	}

	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + ", password=" + (writesEnabled() ? "******" : "")
				+ ", loginFailuresPerMinute=" + this.loginFailuresPerMinute + ", maxConcurrentLogins="
				+ this.maxConcurrentLogins + "]";
	}

}
