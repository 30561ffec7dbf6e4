package io.switchboard.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What a client says in its WebSocket handshake: {@code ?room=dev&since=ID} to start in a
 * room, caught up, and a token ({@code ?access_token=...} or
 * {@code Authorization: Bearer ...}) when {@code switchboard.auth.mode=token}.
 *
 * @param room the room to start in, or null
 * @param since the last id it has of that room, or null
 * @param token its token, or null
 */
record Handshake(@Nullable String room, @Nullable String since, @Nullable String token) {

	static Handshake of(WebSocketSession socket) {
		URI uri = socket.getUri();
		MultiValueMap<String, String> query = (uri != null && uri.getRawQuery() != null)
				? UriComponentsBuilder.fromUri(uri).build().getQueryParams() : null;
		String token = (query != null) ? decoded(query.getFirst("access_token")) : null;
		String authorization = socket.getHandshakeHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			token = authorization.substring(7).strip();
		}
		return new Handshake((query != null) ? decoded(query.getFirst("room")) : null,
				(query != null) ? decoded(query.getFirst("since")) : null, token);
	}

	private static @Nullable String decoded(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : UriUtils.decode(value, StandardCharsets.UTF_8);
	}

}
