package io.switchboard.core;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail ({@code switchboard.audit.*}): one log event per connection opened and
 * closed, and per operator action, on the logger {@code io.switchboard.audit}.
 *
 * @param enabled whether to write the audit trail (at INFO; the logger's level can
 * silence it too)
 */
@ConfigurationProperties("switchboard.audit")
public record AuditProperties(@DefaultValue("true") boolean enabled) {

}
