package io.switchboard.websocket;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebSocket connection that sends nothing cannot hold its slot forever.
 */
@SwitchboardTest({ "--spring.application.name=ws-idle", "--switchboard.websocket.idle-timeout=1s" })
class WebsocketIdleTimeoutTests {

	@Autowired
	ChatServer server;

	@Test
	void aSilentConnectionIsClosedAtTheIdleTimeoutAndCountedAsIdle() {
		try (WebSocketProbe silent = WebSocketProbe.connected(this.server.httpPort(), null)) {
			assertThat(silent.closeCode()).as("going away").isEqualTo(1001);
			await().untilAsserted(() -> assertThat(this.server.get("/actuator/prometheus").body()).containsPattern(
					"switchboard_connections_closed_total\\{[^}]*protocol=\"websocket\",reason=\"idle\"\\} 1\\.0"));
		}
	}

}
