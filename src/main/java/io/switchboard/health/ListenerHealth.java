package io.switchboard.health;

import io.switchboard.transport.Listener;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of one listener: UP while it listens, DOWN otherwise, with where it listens.
 */
final class ListenerHealth implements HealthIndicator {

	private final Listener listener;

	ListenerHealth(Listener listener) {
		this.listener = listener;
	}

	@Override
	public Health health() {
		boolean up = this.listener.isListening();
		return (up ? Health.up() : Health.down()).withDetails(this.listener.location())
			.withDetail("listening", up)
			.build();
	}

}
