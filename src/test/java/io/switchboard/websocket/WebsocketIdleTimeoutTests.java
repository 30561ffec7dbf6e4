package io.switchboard.websocket;

import java.time.Duration;

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
			// Tomcat checks for idle sessions in its background thread (every 10 s or
			// so).
			await().atMost(Duration.ofSeconds(40))
				.untilAsserted(() -> assertThat(this.server.get("/actuator/prometheus").body()).containsPattern(
						"switchboard_connections_closed_total\\{[^}]*protocol=\"websocket\",reason=\"idle\"\\} 1\\.0"));
			assertThat(silent.closeCode()).as("going away").isEqualTo(1001);
		}
	}

}
