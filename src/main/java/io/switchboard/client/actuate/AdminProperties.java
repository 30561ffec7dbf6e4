package io.switchboard.client.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials for the actuator's write operations ({@code switchboard.admin.*}), e.g.
 * from a Kubernetes Secret. Without a password, writes are refused altogether.
 *
 * @param username HTTP Basic user name
 * @param password HTTP Basic password; empty disables the write operations
 */
@ConfigurationProperties("switchboard.admin")
public record AdminProperties(@DefaultValue("admin") String username, @DefaultValue("") String password) {

	boolean writesEnabled() {
		return !this.password.isEmpty();
	}

	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + ", password=" + (writesEnabled() ? "******" : "") + "]";
	}

}
