package io.switchboard.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code switchboard.ready}: 1 while the readiness group is UP, else 0, read at scrape
 * time. Prometheus sees only whether it can scrape ({@code up}); a node that answers but
 * is out of its Service (a listener down, Redis lost with {@code cluster.required}) needs
 * this to raise an alert.
 */
final class ReadinessMetrics implements MeterBinder {

	private final ObjectProvider<HealthEndpoint> health;

	ReadinessMetrics(ObjectProvider<HealthEndpoint> health) {
		this.health = health;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("switchboard.ready", this, ReadinessMetrics::ready)
			.description("1 while the readiness health group is UP")
			.register(registry);
	}

	double ready() {
		HealthEndpoint endpoint = this.health.getIfAvailable();
		HealthDescriptor readiness = (endpoint != null) ? endpoint.healthForPath("readiness") : null;
		return (readiness != null && Status.UP.equals(readiness.getStatus())) ? 1 : 0;
	}

}
