package io.switchboard.shutdown;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Graceful shutdown ({@code switchboard.shutdown.*}).
 *
 * @param drainTimeout how long to wait for outboxes to drain after clients were told
 * @param lameDuck how long to spend closing clients one by one, oldest first, before the
 * rest of the shutdown; 0 closes them all at once
 */
@ConfigurationProperties("switchboard.shutdown")
public record ShutdownProperties(@DefaultValue("10s") Duration drainTimeout, @DefaultValue("0s") Duration lameDuck) {

	public ShutdownProperties {
		if (drainTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"switchboard.shutdown.drain-timeout must not be negative, was " + drainTimeout);
		}
		if (lameDuck.isNegative()) {
			throw new IllegalArgumentException("switchboard.shutdown.lame-duck must not be negative, was " + lameDuck);
		}
	}

}
