package io.switchboard.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The publish API ({@code switchboard.publish.*}).
 *
 * @param enabled whether {@code POST /api/rooms/{room}/messages} exists at all
 * @param requireMembers refuse (404) a line for a room no one is in, rather than keep it
 * in the room's history for whoever joins next
 */
@ConfigurationProperties("switchboard.publish")
public record PublishProperties(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean requireMembers) {
}
