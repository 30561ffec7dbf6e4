package io.switchboard.core;

import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code switchboard.rooms.policies}: a read-only room delivers to its members but
 * refuses their lines, a room with {@code max-members} refuses one more member, and a
 * room's own {@code history} size replaces the default one. The first matching pattern
 * decides.
 */
@SwitchboardTest({ "--switchboard.rooms.policies[0].pattern=announce-*",
		"--switchboard.rooms.policies[0].read-only=true", "--switchboard.rooms.policies[1].pattern=pair-*",
		"--switchboard.rooms.policies[1].max-members=2", "--switchboard.rooms.policies[2].pattern=off-*",
		"--switchboard.rooms.policies[2].history=0", "--switchboard.rooms.policies[3].pattern=*",
		"--switchboard.rooms.policies[3].history=3" })
class RoomPoliciesTests {

	@Autowired
	ChatServer server;

	@Test
	void aReadOnlyRoomRefusesItsMembersLinesAndTopicsButDeliversOperatorMessages() {
		String room = room("announce-");
		try (LineClient alice = inRoom(room); LineClient bob = inRoom(room)) {
			assertThat(alice.command("hello?")).isEqualTo("ERR room " + room + " is read-only");
			assertThat(alice.command("/topic mine now"))
				.isEqualTo("ERR room " + room + " is read-only: only operators set its topic");
			this.server.http("POST", "/actuator/clients",
					"{\"message\": \"release at five\", \"room\": \"" + room + "\"}");
			assertThat(bob.readLine()).as("bob got no line of alice's").isEqualTo("* [operator] release at five");
			assertThat(alice.readLine()).isEqualTo("* [operator] release at five");
			assertThat(this.server
				.http("POST", "/api/rooms/" + room + "/messages", "{\"text\": \"build 7 is out\", \"from\": \"ci\"}")
				.statusCode()).as("the publish API writes to it").isEqualTo(200);
			assertThat(bob.readLine()).endsWith("] [ci] build 7 is out");
			assertThat(alice.command("/join lobby")).isEqualTo("* you are now in room lobby");
			assertThat(alice.send("fine here").readLine()).endsWith(" fine here");
		}
	}

	@Test
	void aFullRoomRefusesOneMoreMemberWhoStaysWhereItWasUntilThereIsRoom() {
		String room = room("pair-");
		try (LineClient alice = inRoom(room);
				LineClient bob = inRoom(room);
				LineClient carol = LineClient.connected(this.server.tcpPort())) {
			String lobby = "l" + UUID.randomUUID().toString().substring(0, 8);
			assertThat(carol.command("/join " + lobby)).isEqualTo("* you are now in room " + lobby);
			assertThat(carol.command("/join " + room)).isEqualTo("ERR room " + room + " is full (max 2 members)");
			assertThat(carol.send("still here").readLine()).endsWith(" still here");
			assertThat(carol.command("/who")).isEqualTo("* in " + lobby + ": " + carol.address());
			assertThat(alice.command("/who")).isEqualTo("* in " + room + ": " + alice.address() + ", " + bob.address());
			bob.send("quit");
			assertThat(bob.readToEnd()).containsExactly("* bye");
			// Bob leaves the room once his connection is closed; a refused join changes
			// nothing, so carol may ask again.
			await().until(() -> carol.command("/join " + room),
					(reply) -> reply.equals("* you are now in room " + room));
		}
	}

	@Test
	void aWebSocketClientAskingToStartInAFullRoomIsToldAndClosed() {
		String room = room("pair-");
		try (LineClient alice = inRoom(room);
				LineClient bob = inRoom(room);
				WebSocketProbe late = WebSocketProbe.withQuery(this.server.httpPort(), null, "room=" + room)) {
			assertThat(late.next()).isEqualTo("ERR room " + room + " is full (max 2 members)");
			assertThat(late.closeCode()).as("try again later").isEqualTo(1013);
			assertThat(alice.command("/who")).isEqualTo("* in " + room + ": " + alice.address() + ", " + bob.address());
			assertThat(this.server.http("GET", "/actuator/prometheus", "").body())
				.containsPattern("switchboard_connections_closed_total\\{.*reason=\"room-full\"} [1-9]");
		}
	}

	@Test
	void eachRoomKeepsTheHistoryItsPolicySaysAndNoneWhenItSaysZero() {
		String kept = room("k");
		String off = room("off-");
		try (LineClient alice = inRoom(kept)) {
			for (int i = 1; i <= 5; i++) {
				alice.send("line " + i).readLine();
			}
			assertThat(alice.command("/history 5")).isEqualTo("ERR usage: /history [N] (N from 1 to 3, default 3)");
			alice.send("/history 3");
			assertThat(alice.readLine()).isEqualTo("* history of " + kept + ": 3 lines");
			assertThat(alice.readLine()).endsWith(" line 3");
			alice.readUntil((line) -> line.equals("* end of history"));
			assertThat(alice.command("/join " + off)).isEqualTo("* you are now in room " + off);
			alice.send("gone at once").readLine();
			assertThat(alice.command("/history")).isEqualTo("ERR room " + off + " keeps no history");
		}
	}

	private LineClient inRoom(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static String room(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

}
