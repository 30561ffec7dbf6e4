package io.switchboard.shutdown;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Graceful shutdown ({@code switchboard.shutdown.*}).
 *
 * @param drainTimeout how long to wait for outboxes to drain after clients were told
 */
@ConfigurationProperties("switchboard.shutdown")
public record ShutdownProperties(@DefaultValue("10s") Duration drainTimeout) {

	public ShutdownProperties {
		if (drainTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"switchboard.shutdown.drain-timeout must not be negative, was " + drainTimeout);
		}
	}

}
