package io.switchboard.logging;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StructuredLoggingFormatTests {

	@Test
	void aStructuredFormatBecomesSpringBootsConsoleFormat() {
		MockEnvironment environment = new MockEnvironment().withProperty("switchboard.logging.format", "ECS");
		postProcess(environment);
		assertThat(environment.getProperty(StructuredLoggingFormat.CONSOLE)).isEqualTo("ecs");
	}

	@Test
	void textLeavesLoggingAsItIs() {
		MockEnvironment environment = new MockEnvironment().withProperty("switchboard.logging.format", "text");
		postProcess(environment);
		assertThat(environment.getProperty(StructuredLoggingFormat.CONSOLE)).isNull();
		MockEnvironment unset = new MockEnvironment();
		postProcess(unset);
		assertThat(unset.getProperty(StructuredLoggingFormat.CONSOLE)).isNull();
	}

	@Test
	void springBootsOwnSettingGivenDirectlyWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("switchboard.logging.format", "gelf")
			.withProperty(StructuredLoggingFormat.CONSOLE, "logstash");
		postProcess(environment);
		assertThat(environment.getProperty(StructuredLoggingFormat.CONSOLE)).isEqualTo("logstash");
	}

	@Test
	void anUnknownFormatStopsStartupNamingTheProperty() {
		MockEnvironment environment = new MockEnvironment().withProperty("switchboard.logging.format", "json");
		assertThatIllegalArgumentException().isThrownBy(() -> postProcess(environment))
			.withMessage("switchboard.logging.format must be text, ecs, logstash or gelf, was 'json'");
	}

	private static void postProcess(MockEnvironment environment) {
		new StructuredLoggingFormat().postProcessEnvironment(environment, new SpringApplication());
	}

}
