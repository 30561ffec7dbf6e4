package io.switchboard.core;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may {@code /kick} without an admin token: the first member of a room people make,
 * never whoever comes first into the empty default room (there one client kicked everyone
 * who came after) nor into a room a policy names, unless the policy says so. The default
 * room here is {@code hall}, which only these tests use; each test starts with it empty,
 * so its first client is the first arrival.
 */
@SwitchboardTest({ "--switchboard.default-room=hall", "--switchboard.rooms.policies[0].pattern=staff",
		"--switchboard.rooms.policies[1].pattern=team-*",
		"--switchboard.rooms.policies[1].first-member-operator=true" })
class RoomOperatorTests {

	private static final String NOT_OPERATOR = "ERR /kick needs an admin token, or to be the operator of room ";

	@Autowired
	ChatServer server;

	@Autowired
	ChatHub hub;

	@BeforeEach
	void hallIsEmpty() {
		await().until(
				() -> this.hub.rooms().stream().noneMatch((room) -> room.name().equals("hall") && room.members() > 0));
	}

	@Test
	void theFirstTcpClientIntoTheEmptyDefaultRoomCannotKickButTheMakerOfARoomCan() {
		String suffix = unique();
		String room = "r" + suffix;
		try (LineClient first = LineClient.connected(this.server.tcpPort());
				LineClient second = LineClient.connected(this.server.tcpPort())) {
			assertThat(first.command("/nick first" + suffix)).isEqualTo("* you are now first" + suffix);
			assertThat(second.command("/nick second" + suffix)).isEqualTo("* you are now second" + suffix);
			assertThat(first.command("/kick second" + suffix)).isEqualTo(NOT_OPERATOR + "hall");
			assertThat(second.command("/ping")).as("still connected").isEqualTo("* pong");

			assertThat(first.command("/join " + room)).isEqualTo("* you are now in room " + room);
			assertThat(second.command("/join " + room)).isEqualTo("* you are now in room " + room);
			first.send("/kick second" + suffix);
			assertThat(second.readToEnd()).last().isEqualTo("ERR kicked from room " + room + " by first" + suffix);
		}
	}

	@Test
	void theFirstWebSocketClientIntoTheEmptyDefaultRoomCannotKick() {
		String suffix = unique();
		try (WebSocketProbe first = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json");
				LineClient second = LineClient.connected(this.server.tcpPort())) {
			assertThat(second.command("/nick second" + suffix)).isEqualTo("* you are now second" + suffix);
			first.send("{\"line\":\"/kick second" + suffix + "\"}");
			String refused = first.nextMatching((frame) -> frame.contains("\"error\""));
			assertThat((String) JsonPath.read(refused, "$.text")).isEqualTo(NOT_OPERATOR.substring(4) + "hall");
			assertThat(second.command("/ping")).as("still connected").isEqualTo("* pong");
		}
	}

	@Test
	void theFirstMemberOfAPolicyRoomIsNoOperatorUnlessThePolicySaysSo() {
		String suffix = unique();
		try (LineClient first = LineClient.connected(this.server.tcpPort());
				LineClient second = LineClient.connected(this.server.tcpPort())) {
			first.command("/nick first" + suffix);
			second.command("/nick second" + suffix);
			String staff = "staff";
			assertThat(first.command("/join " + staff)).isEqualTo("* you are now in room " + staff);
			assertThat(second.command("/join " + staff)).isEqualTo("* you are now in room " + staff);
			assertThat(first.command("/kick second" + suffix)).isEqualTo(NOT_OPERATOR + staff);

			String team = "team-" + suffix;
			assertThat(first.command("/join " + team)).isEqualTo("* you are now in room " + team);
			assertThat(second.command("/join " + team)).isEqualTo("* you are now in room " + team);
			first.send("/kick second" + suffix);
			assertThat(second.readToEnd()).last().isEqualTo("ERR kicked from room " + team + " by first" + suffix);
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
