package io.switchboard.health;

import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Process meters Micrometer lacks; Spring Boot binds every {@code MeterBinder} bean.
 */
@Configuration(proxyBeanMethods = false)
class ProcessMetricsConfiguration {

	@Bean
	ResidentMemoryMetrics residentMemoryMetrics() {
		return new ResidentMemoryMetrics(Path.of("/proc/self/status"));
	}

}
