package io.switchboard.logging;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console log format ({@code switchboard.logging.*}).
 *
 * @param format {@code text} (Spring Boot's usual lines) or a structured format, one JSON
 * object per line: {@code ecs} (Elastic Common Schema), {@code logstash} or {@code gelf}
 * (Graylog); the audit trail's details are fields of their own in these
 */
@ConfigurationProperties("switchboard.logging")
public record LoggingProperties(@DefaultValue("text") String format) {

	/** The structured formats Spring Boot writes by itself. */
	static final List<String> STRUCTURED = List.of("ecs", "logstash", "gelf");

	public LoggingProperties {
		format = format.trim().toLowerCase(Locale.ROOT);
		if (!format.equals("text") && !STRUCTURED.contains(format)) {
			throw new IllegalArgumentException(
					"switchboard.logging.format must be text, ecs, logstash or gelf, was '" + format + "'");
		}
	}

	/**
	 * Whether Spring Boot's {@code logging.structured.format.console} is to be set.
	 */
	boolean structured() {
		return !this.format.equals("text");
	}

}
