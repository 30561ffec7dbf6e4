package io.switchboard.websocket;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The WebSocket front door ({@code switchboard.websocket.*}).
 *
 * @param enabled whether WebSocket clients are accepted on the HTTP port
 * @param path where the handshake is accepted
 * @param allowedOrigins origins (e.g. {@code https://chat.example.com}) whose pages may
 * open a connection; empty = same origin only (the {@code Origin}'s host and port equal
 * the request's {@code Host}); {@code *} allows any page, and must be set explicitly
 * @param idleTimeout close a connection that sends nothing for this long (an empty frame
 * counts); 0 = never; as {@code switchboard.tcp.idle-timeout}, so a silent connection
 * cannot hold a slot forever
 * @param messageTimeout close a connection whose frame or fragmented message, once
 * started, does not end within this long (a frame announcing gigabytes and then silence,
 * a last fragment that never comes); 0 = never; as {@code switchboard.tcp.line-timeout}
 * for a line
 */
@ConfigurationProperties("switchboard.websocket")
@Validated
public record WebSocketProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("/ws") @NotNull @Pattern(regexp = "/[^\\s*?]*",
				message = "must start with / and contain no spaces or wildcards") String path,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("15m") Duration idleTimeout,
		@DefaultValue("10s") Duration messageTimeout) {

	public WebSocketProperties {
		for (String origin : allowedOrigins) {
			if (!origin.matches("\\*|https?://[^/\\s]+")) {
				throw new IllegalArgumentException(
						"switchboard.websocket.allowed-origins must be * or scheme://host[:port]"
								+ " (a browser's Origin, no path), was " + origin);
			}
		}
		allowedOrigins = List.copyOf(allowedOrigins);
		if (idleTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"switchboard.websocket.idle-timeout must be 0 or positive, was " + idleTimeout);
		}
		if (messageTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"switchboard.websocket.message-timeout must be 0 or positive, was " + messageTimeout);
		}
	}

}
