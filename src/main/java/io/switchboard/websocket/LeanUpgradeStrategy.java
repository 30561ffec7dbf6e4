package io.switchboard.websocket;

import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpUpgradeHandler;
import org.apache.tomcat.websocket.server.WsHttpUpgradeHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades a handshake as the standard strategy does, but so that the session holds less
 * for as long as it lives (measured in docs/benchmarks.md, "WebSocket against TCP"):
 * <ul>
 * <li>it keeps one request header, {@code Authorization} (the door reads it for a token),
 * where Tomcat and Spring each kept a copy of all of them (3.8 KiB for the JDK client's
 * seven headers, more for a browser's cookies and user agent);</li>
 * <li>it declines {@code permessage-deflate}, which every browser offers: Tomcat gives a
 * compressing session a 32 KiB inflater window on the heap and a zlib deflater outside it
 * (about 120 KiB of RSS a connection together), to compress lines of a few dozen
 * bytes.</li>
 * <li>its connection is handled by {@link GuardedUpgradeHandler}, so that every frame
 * passes a {@link FrameGuard}.</li>
 * </ul>
 */
final class LeanUpgradeStrategy extends StandardWebSocketUpgradeStrategy {

	private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

	/**
	 * None, so that Spring selects none of those a client asks for.
	 */
	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attrs) throws HandshakeFailureException {
		ServerHttpRequest lean = (request instanceof ServletServerHttpRequest servlet)
				? new ServletServerHttpRequest(new LeanRequest(servlet.getServletRequest())) : request;
		super.upgrade(lean, response, selectedProtocol, selectedExtensions, user, wsHandler, attrs);
	}

	/**
	 * The handshake request as Tomcat and Spring see it while they upgrade: it lists only
	 * the kept header (their copies are made from the list, while the handshake asks for
	 * each header it needs by name), and asks for no extension (Tomcat negotiates them
	 * from the request itself, whatever Spring selected).
	 */
	private static final class LeanRequest extends HttpServletRequestWrapper {

		LeanRequest(HttpServletRequest request) {
			super(request);
		}

		/**
		 * Tomcat asks for its own WebSocket handler; it gets the guarded one.
		 */
		@Override
		public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws IOException, ServletException {
			return (handlerClass == WsHttpUpgradeHandler.class)
					? handlerClass.cast(super.upgrade(GuardedUpgradeHandler.class)) : super.upgrade(handlerClass);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					(getHeader(HttpHeaders.AUTHORIZATION) != null) ? List.of(HttpHeaders.AUTHORIZATION) : List.of());
		}

		@Override
		public @Nullable String getHeader(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

	}

}
