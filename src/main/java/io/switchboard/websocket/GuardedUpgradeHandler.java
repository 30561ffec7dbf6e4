package io.switchboard.websocket;

import java.util.List;
import java.util.Map;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.tomcat.websocket.Transformation;
import org.apache.tomcat.websocket.server.WsHandshakeRequest;
import org.apache.tomcat.websocket.server.WsHttpUpgradeHandler;
import org.apache.tomcat.websocket.server.WsServerContainer;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's WebSocket connection handler with a {@link FrameGuard} at the head of the
 * connection's transformation chain, where the guard is kept in the session's user
 * properties for the door to find ({@link LeanUpgradeStrategy} has Tomcat make this
 * handler instead of its own). Public, with a public constructor, because Tomcat creates
 * it by reflection.
 */
public final class GuardedUpgradeHandler extends WsHttpUpgradeHandler {

	@Override
	public void preInit(ServerEndpointConfig serverEndpointConfig, WsServerContainer wsc,
			WsHandshakeRequest handshakeRequest, List<Extension> negotiatedExtensionsPhase2, String subProtocol,
			@Nullable Transformation transformation, Map<String, String> pathParameters, boolean secure) {
		// Close timeouts are checked every process period (10 s by default): once a
		// second, so a client that broke a rule is let go of about a second after its
		// close frame (WebSocketTransport.close).
		wsc.setProcessPeriod(1);
		FrameGuard guard = new FrameGuard(transformation);
		// The per-session configuration, whose properties the session copies.
		serverEndpointConfig.getUserProperties().put(FrameGuard.KEY, guard);
		super.preInit(serverEndpointConfig, wsc, handshakeRequest, negotiatedExtensionsPhase2, subProtocol, guard,
				pathParameters, secure);
	}

}
