package io.switchboard.websocket;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code switchboard.websocket.enabled=false}: no handshake at {@code /ws}, and no
 * {@code websocket} health component.
 */
@SwitchboardTest("--switchboard.websocket.enabled=false")
class WebsocketDisabledTests {

	@Autowired
	ChatServer server;

	@Test
	void disabledDoorRefusesTheHandshakeAndLeavesHealth() {
		assertThat(WebSocketProbe.handshakeStatus(this.server.httpPort(), null)).isNotEqualTo(101);
		assertThat(this.server.get("/actuator/health").body()).doesNotContain("websocket");
	}

}
