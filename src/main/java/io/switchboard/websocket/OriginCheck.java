package io.switchboard.websocket;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Refuses a handshake whose {@code Origin} header cannot be parsed with 403, before the
 * container's origin check sees it: that check throws on such a header, which became an
 * HTTP 500 and a 20 KB stack trace in the log for every request anyone sent.
 */
final class OriginCheck implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(OriginCheck.class);

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		try {
			// What the origin check does first; it parses the header.
			WebUtils.isSameOrigin(request);
			return true;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// Bad authority, or a port that is no integer
			logger.debug("Refused a WebSocket handshake with a malformed Origin from " + request.getRemoteAddress()
					+ ": " + ex.getMessage());
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
