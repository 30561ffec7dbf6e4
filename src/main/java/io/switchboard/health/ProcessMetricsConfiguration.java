package io.switchboard.health;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Process meters Micrometer lacks, and readiness as a meter (Spring Boot binds every
 * {@code MeterBinder} bean); the start-up heap settled before clients are served.
 */
@Configuration(proxyBeanMethods = false)
class ProcessMetricsConfiguration {

	@Bean
	ResidentMemoryMetrics residentMemoryMetrics() {
		return new ResidentMemoryMetrics(Path.of("/proc/self/status"));
	}

	@Bean
	StartupHeapSettling startupHeapSettling() {
		return new StartupHeapSettling();
	}

	@Bean
	ReadinessMetrics readinessMetrics(ObjectProvider<HealthEndpoint> health) {
		return new ReadinessMetrics(health);
	}

}
