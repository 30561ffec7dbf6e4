package io.switchboard.websocket;

import java.util.concurrent.CompletableFuture;

import io.switchboard.SwitchboardApplication;
import io.switchboard.WebSocketProbe;
import io.switchboard.core.ClientRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful shutdown as a WebSocket client sees it: the notice as a message in its
 * dialect, then close code 1001 (going away).
 */
class WebsocketShutdownTests {

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		// Started by hand, not by the test framework: the test closes it.
		this.context = new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.port=0", "--switchboard.echo.host=127.0.0.1",
				"--switchboard.shutdown.drain-timeout=3s");
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void shutdownSendsTheNoticeThenCloseCode1001InEachDialect() throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		ClientRegistry registry = this.context.getBean(ClientRegistry.class);
		try (WebSocketProbe text = WebSocketProbe.connected(port, null);
				WebSocketProbe json = WebSocketProbe.connected(port, "switchboard.json")) {
			CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);

			assertThat(text.next()).isEqualTo("* server shutting down");
			assertThat(json.next()).isEqualTo("{\"type\":\"info\",\"text\":\"server shutting down\"}");
			assertThat(text.closeCode()).isEqualTo(1001);
			assertThat(json.closeCode()).isEqualTo(1001);
			closing.get();
			assertThat(registry.count()).as("closed by the close handshake, not forcibly").isZero();
		}
	}

}
