package io.switchboard.logging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code switchboard.logging.format} into Spring Boot's
 * {@code logging.structured.format.console}. Logging is set up from the environment
 * before any bean exists, hence a post-processor (it runs before Spring Boot's logging
 * listener). The setting is added last, so a {@code logging.structured.format.console}
 * given directly still wins. A bad value stops startup naming the property.
 */
public class StructuredLoggingFormat implements EnvironmentPostProcessor, Ordered {

	static final String CONSOLE = "logging.structured.format.console";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String format = Binder.get(environment).bind("switchboard.logging.format", String.class).orElse("text");
		LoggingProperties properties = new LoggingProperties(format);
		if (properties.structured()) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("switchboardLoggingFormat", Map.of(CONSOLE, properties.format())));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE; // after the application's configuration is
											// loaded
	}

}
