package io.switchboard.core;

import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code switchboard.line.multi-room=true}: line clients join and part several rooms, and
 * chat lines name their room.
 */
@SwitchboardTest({ "--switchboard.line.multi-room=true", "--switchboard.announce-presence=true" })
class MultiRoomLineTests {

	private static void reply(LineClient client, String command, String expected) {
		assertThat(client.send(command).readUntil((line) -> line.startsWith(expected))).startsWith(expected);
	}

	private static final String TIME = "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] ";

	@Autowired
	ChatServer server;

	@Test
	void aLineClientInSeveralRoomsSeesEachLineWithItsRoom() {
		String dev = "l" + UUID.randomUUID().toString().substring(0, 8);
		try (LineClient alice = LineClient.connected(this.server.tcpPort());
				LineClient bob = LineClient.connected(this.server.tcpPort())) {
			// Presence lines come and go: each reply is read by what it says.
			reply(alice, "/nick alice" + dev, "* you are now alice");
			reply(alice, "/join " + dev, "* you are now in room " + dev);
			reply(bob, "/nick bob" + dev, "* you are now bob");
			reply(bob, "/join " + dev, "* you are now in room " + dev);
			assertThat(alice.readUntil((line) -> line.contains("bob" + dev + " joined")))
				.isEqualTo("* bob" + dev + " joined " + dev);

			bob.send("hello dev");
			assertThat(alice.readLine()).matches(TIME + "#" + dev + " bob" + dev + " hello dev");
			reply(bob, "/join lobby", "* you are now in room lobby");
			bob.send("hello lobby");
			assertThat(alice.readUntil((line) -> line.contains("hello lobby")))
				.matches(TIME + "#lobby bob" + dev + " hello lobby");

			reply(bob, "/part " + dev, "* you left room " + dev + "; you write to lobby");
			assertThat(alice.readUntil((line) -> line.contains(" left "))).isEqualTo("* bob" + dev + " left " + dev);
			reply(bob, "/who", "* in lobby:");
		}
	}

}
