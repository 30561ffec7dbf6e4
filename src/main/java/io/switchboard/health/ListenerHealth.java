package io.switchboard.health;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of one network listener: UP while it listens, DOWN otherwise, with its port.
 */
public final class ListenerHealth implements HealthIndicator {

	private final IntSupplier port;

	private final BooleanSupplier listening;

	public ListenerHealth(IntSupplier port, BooleanSupplier listening) {
		this.port = port;
		this.listening = listening;
	}

	@Override
	public Health health() {
		boolean up = this.listening.getAsBoolean();
		return (up ? Health.up() : Health.down()).withDetail("port", this.port.getAsInt())
			.withDetail("listening", up)
			.build();
	}

}
