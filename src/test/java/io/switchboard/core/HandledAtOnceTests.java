package io.switchboard.core;

import java.nio.charset.StandardCharsets;

import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a node alone, chat lines are handled without waiting on anything (so the doors hand
 * them over on their event loops); commands may wait ({@code /auth} fetches keys).
 */
@SwitchboardTest
class HandledAtOnceTests {

	@Autowired
	ChatHub hub;

	@Test
	void chatLinesAndHeartbeatsAreHandledAtOnceOnANodeAlone() {
		for (String line : new String[] { "hello", "quit", "", " /not a command", "GET / HTTP/1.1" }) {
			assertThat(this.hub.handlesAtOnce(line.getBytes(StandardCharsets.UTF_8))).as(line).isTrue();
		}
	}

	@Test
	void commandsAreNot() {
		for (String line : new String[] { "/auth token", "/join room", "/msg bob hi", "/" }) {
			assertThat(this.hub.handlesAtOnce(line.getBytes(StandardCharsets.UTF_8))).as(line).isFalse();
		}
	}

}
