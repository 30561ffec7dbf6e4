package io.switchboard.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Per-client delivery limits ({@code switchboard.client.*}).
 *
 * @param outboxBytes bytes queued for one client before it is disconnected as a slow
 * consumer
 * @param writeTimeout how long one socket write may block before the client is
 * disconnected as a slow consumer
 * @param rate messages per second a client may send on average; 0 = unlimited
 * @param burst messages a client may send at once above the rate
 */
@ConfigurationProperties("switchboard.client")
public record ClientProperties(@DefaultValue("1MB") DataSize outboxBytes, @DefaultValue("10s") Duration writeTimeout,
		@DefaultValue("20") int rate, @DefaultValue("50") int burst) {

	public ClientProperties {
		// DataSize and Duration have no Bean Validation constraints; name the property
		// here.
		if (outboxBytes.toBytes() <= 0) {
			throw new IllegalArgumentException("switchboard.client.outbox-bytes must be positive, was " + outboxBytes);
		}
		if (rate < 0) {
			throw new IllegalArgumentException(
					"switchboard.client.rate must be 0 (unlimited) or positive, was " + rate);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("switchboard.client.burst must be positive, was " + burst);
		}
		if (writeTimeout.isNegative() || writeTimeout.isZero()) {
			throw new IllegalArgumentException(
					"switchboard.client.write-timeout must be positive, was " + writeTimeout);
		}
	}

}
