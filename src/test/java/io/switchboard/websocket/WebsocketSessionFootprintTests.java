package io.switchboard.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.integration.websocket.ServerWebSocketContainer;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a WebSocket connection keeps for as long as it lives, idle or not: small buffers,
 * one handshake header, no compression (the idle-connection figures in
 * docs/benchmarks.md).
 */
@SwitchboardTest
class WebsocketSessionFootprintTests {

	@Autowired
	ChatServer server;

	@Autowired
	ServerWebSocketContainer websocketContainer;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void sessionKeepsOnlyTheAuthorizationHeaderAndSmallMessageBuffers() {
		try (WebSocketProbe ws = WebSocketProbe.from(this.server.httpPort(), InetAddress.getLoopbackAddress(),
				Map.of("Authorization", "Bearer footprint", "X-Something-Long", "x".repeat(2000)))) {
			ws.next();
			WebSocketSession session = await().until(() -> this.websocketContainer.getSessions()
				.values()
				.stream()
				.filter((candidate) -> candidate.getHandshakeHeaders().containsHeader("Authorization"))
				.findFirst()
				.orElse(null), Objects::nonNull);
			assertThat(session.getHandshakeHeaders().headerNames()).containsExactly("Authorization");
			Session container = ((NativeWebSocketSession) WebSocketSessionDecorator.unwrap(session))
				.getNativeSession(Session.class);
			assertThat(container.getMaxTextMessageBufferSize()).isEqualTo(WebSocketConfiguration.MESSAGE_BUFFER_SIZE);
			assertThat(container.getMaxBinaryMessageBufferSize()).isEqualTo(WebSocketConfiguration.MESSAGE_BUFFER_SIZE);
			assertThat(container.getNegotiatedExtensions()).isEmpty();
		}
	}

	@Test
	void compressionABrowserOffersIsDeclined() throws Exception {
		int port = this.server.httpPort();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			String response = headers(socket.getInputStream());
			assertThat(response).startsWith("HTTP/1.1 101 ");
			assertThat(response.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
		}
	}

	@Test
	void connectorKeepsSmallSocketBuffers() {
		// Read back from the connector's socket properties (as text).
		TomcatWebServer web = (TomcatWebServer) this.context.getWebServer();
		String size = Integer.toString(ConnectionBuffers.SOCKET_BUFFER_BYTES);
		assertThat(web.getTomcat().getConnector().getProperty("socket.appReadBufSize")).isEqualTo(size);
		assertThat(web.getTomcat().getConnector().getProperty("socket.appWriteBufSize")).isEqualTo(size);
	}

	private static String headers(InputStream in) throws IOException {
		StringBuilder response = new StringBuilder();
		while (!response.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			response.append((char) next);
		}
		return response.toString();
	}

}
