package io.switchboard.websocket;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import io.switchboard.core.ClientRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSocket clients count against the same limits as every other client, and any page may
 * connect once {@code allowed-origins} is {@code *}.
 */
@SwitchboardTest({ "--switchboard.max-clients=2", "--switchboard.websocket.allowed-origins=*" })
class WebsocketLimitsTests {

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void maxClientsCountsWebsocketClients() {
		// The other test's WebSocket may still hold a slot while its close is processed:
		// counted, it refused the second client here, then freed the slot for the third.
		await().until(() -> this.registry.count() == 0);
		try (WebSocketProbe first = WebSocketProbe.connected(this.server.httpPort(), null);
				LineClient second = LineClient.connected(this.server.tcpPort());
				WebSocketProbe third = WebSocketProbe.open(this.server.httpPort(), "switchboard.json", null);
				LineClient fourth = new LineClient(this.server.tcpPort())) {
			assertThat(third.next()).isEqualTo("{\"type\":\"error\",\"text\":\"server full\"}");
			assertThat(third.closeCode()).isEqualTo(1013);
			assertThat(fourth.readToEnd()).containsExactly("ERR server full");
			first.send("/ping");
			assertThat(first.next()).isEqualTo("* pong");
		}
	}

	@Test
	void anyOriginIsAcceptedWhenAllowedOriginsIsAStar() {
		assertThat(WebSocketProbe.handshakeStatus(this.server.httpPort(), "http://elsewhere.example")).isEqualTo(101);
	}

}
