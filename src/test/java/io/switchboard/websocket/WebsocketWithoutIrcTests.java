package io.switchboard.websocket;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code switchboard.irc.enabled=false}: the WebSocket door stands without the IRC door,
 * which offers it no IRC subprotocol; a client that asks for {@code text.ircv3.net} only
 * agrees on none and speaks the line protocol (a browser would close such a connection
 * itself).
 */
@SwitchboardTest("--switchboard.irc.enabled=false")
class WebsocketWithoutIrcTests {

	@Autowired
	ChatServer server;

	@Test
	void withoutTheIrcDoorTextIrcv3NetIsNotAgreedOnAndTheLineProtocolIsSpoken() {
		try (WebSocketProbe probe = WebSocketProbe.open(this.server.httpPort(), "text.ircv3.net", null)) {
			assertThat(probe.subprotocol()).isEmpty();
			probe.send("/nick no-irc-here");
			assertThat(probe.nextMatching((frame) -> frame.startsWith("* you are now ")))
				.isEqualTo("* you are now no-irc-here");
		}
	}

}
