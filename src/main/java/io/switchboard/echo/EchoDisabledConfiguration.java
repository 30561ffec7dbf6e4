package io.switchboard.echo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With the echo service off, its health component still exists (UP, {@code enabled:
 * false}): the readiness group names it, and a missing member would stop start-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.echo.enabled", havingValue = false)
class EchoDisabledConfiguration {

	@Bean
	HealthIndicator echoHealthIndicator() {
		return () -> Health.up().withDetail("enabled", false).build();
	}

}
