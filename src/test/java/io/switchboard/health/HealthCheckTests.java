package io.switchboard.health;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which port the container's HEALTHCHECK asks.
 */
class HealthCheckTests {

	@Test
	void asksTheManagementPortWhenActuatorHasOneOfItsOwn() {
		assertThat(HealthCheck.url(Map.of("SERVER_PORT", "8080", "MANAGEMENT_SERVER_PORT", "8081")))
			.isEqualTo("http://127.0.0.1:8081/actuator/health/readiness");
		assertThat(HealthCheck.url(Map.of("MANAGEMENT_SERVER_PORT", "9000")))
			.isEqualTo("http://127.0.0.1:9000/actuator/health/readiness");
	}

	@Test
	void asksTheServerPortOtherwiseAnd8080ByDefault() {
		assertThat(HealthCheck.url(Map.of("SERVER_PORT", "18080")))
			.isEqualTo("http://127.0.0.1:18080/actuator/health/readiness");
		assertThat(HealthCheck.url(Map.of("SERVER_PORT", "18080", "MANAGEMENT_SERVER_PORT", "")))
			.isEqualTo("http://127.0.0.1:18080/actuator/health/readiness");
		assertThat(HealthCheck.url(Map.of())).isEqualTo("http://127.0.0.1:8080/actuator/health/readiness");
	}

}
