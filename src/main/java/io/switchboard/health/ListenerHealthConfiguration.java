package io.switchboard.health;

import io.switchboard.transport.Listener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Every {@link Listener} bean becomes a health component of its name and a member of the
 * readiness group, so a new front door is in both without configuration, and is named in
 * the one line that says the server is ready.
 */
@Configuration(proxyBeanMethods = false)
class ListenerHealthConfiguration {

	@Bean
	SmartInitializingSingleton listenerHealthRegistration(ObjectProvider<Listener> listeners,
			ObjectProvider<HealthContributorRegistry> registry) {
		return () -> registry.ifAvailable((contributors) -> listeners.orderedStream()
			.forEach((listener) -> contributors.registerContributor(listener.name(), new ListenerHealth(listener))));
	}

	/**
	 * One line once ready: every listener's port or path, and the web page's address.
	 */
	@Bean
	ReadyAnnouncement readyAnnouncement(ObjectProvider<Listener> listeners) {
		return new ReadyAnnouncement(() -> listeners.orderedStream().toList());
	}

	/**
	 * Runs before Spring Boot's probes post-processor (lowest precedence), which then
	 * wraps the readiness group as usual; the group itself exists because
	 * {@code application.yaml} configures it.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	HealthEndpointGroupsPostProcessor listenersInReadiness(ObjectProvider<Listener> listeners) {
		return (groups) -> ReadinessWithListeners.of(groups,
				(name) -> listeners.stream().anyMatch((listener) -> listener.name().equals(name)));
	}

}
