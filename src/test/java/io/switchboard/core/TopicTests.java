package io.switchboard.core;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /topic}: shown to joiners, changed by members for everyone in the room, listed
 * by {@code /rooms}, refused when too long or unsafe to show.
 */
@SwitchboardTest
class TopicTests {

	@Autowired
	ChatServer server;

	@Test
	void aTopicSetByAMemberReachesTheRoomAndEveryLaterJoiner() {
		String room = "t" + UUID.randomUUID().toString().substring(0, 8);
		try (LineClient alice = inRoom(room);
				WebSocketProbe browser = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			browser.send("{\"line\":\"/join " + room + "\"}");
			browser.nextMatching((frame) -> frame.contains("you are now in room"));
			assertThat(alice.command("/topic")).isEqualTo("* no topic in " + room);
			alice.command("/nick alice" + room);
			assertThat(alice.command("/topic release planning, 3pm"))
				.isEqualTo("* alice" + room + " set the topic of " + room + ": release planning, 3pm");
			String change = browser.nextMatching((frame) -> frame.contains("\"topic\""));
			assertThat((String) JsonPath.read(change, "$.text")).isEqualTo("release planning, 3pm");
			assertThat((String) JsonPath.read(change, "$.by")).isEqualTo("alice" + room);

			try (LineClient bob = LineClient.connected(this.server.tcpPort())) {
				bob.send("/join " + room);
				assertThat(bob.readLine()).isEqualTo("* you are now in room " + room);
				assertThat(bob.readLine()).isEqualTo("* topic of " + room + ": release planning, 3pm");
				assertThat(bob.command("/topic")).isEqualTo("* topic of " + room + ": release planning, 3pm");
				assertThat(bob.command("/rooms")).contains(room + " (3) \"release planning, 3pm\"");
				assertThat(bob.command("/topic -")).isEqualTo("* " + bob.address() + " cleared the topic of " + room);
				assertThat(alice.readUntil((line) -> line.contains("cleared")))
					.endsWith("cleared the topic of " + room);
				assertThat(bob.command("/topic")).isEqualTo("* no topic in " + room);
			}
		}
	}

	@Test
	void aTopicTooLongOrWithControlCharactersIsRefusedAndNothingChanges() {
		String room = "t" + UUID.randomUUID().toString().substring(0, 8);
		try (LineClient alice = inRoom(room); LineClient bob = inRoom(room)) {
			assertThat(alice.command("/topic " + "x".repeat(301))).isEqualTo("ERR topic too long (max 300 bytes)");
			assertThat(alice.command("/topic bell\u0007")).startsWith("ERR a topic cannot contain control characters");
			assertThat(alice.command("/topic \u202Eevil")).startsWith("ERR a topic cannot contain control characters");
			assertThat(alice.command("/topic")).isEqualTo("* no topic in " + room);
			assertThat(bob.command("/ping")).as("bob saw nothing").isEqualTo("* pong");
		}
	}

	private LineClient inRoom(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

}
