package io.switchboard.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topics cannot be used up: one address sets the topics of at most
 * {@code topics-per-address} rooms (240 connections once filled all 10,000 slots and
 * nobody could set one after), a topic goes once its room has been empty for
 * {@code topic-retention} (unless a policy names the room), and a topic fits an IRC line.
 * Each test connects from a loopback address of its own, so their counts do not mix.
 */
@SwitchboardTest({ "--switchboard.rooms.topics-per-address=3", "--switchboard.rooms.topic-retention=1s",
		"--switchboard.rooms.policies[0].pattern=news" })
class TopicLimitsTests {

	@Autowired
	ChatServer server;

	@Autowired
	ChatHub hub;

	@Test
	void oneAddressSetsTheTopicsOfAFewRoomsOnlyWhileAnotherStillCan() {
		String suffix = unique();
		List<LineClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				LineClient client = LineClient.from("127.0.0.21", this.server.tcpPort());
				clients.add(client);
				client.readLine();
				client.command("/join t" + i + suffix);
			}
			for (int i = 0; i < 3; i++) {
				assertThat(clients.get(i).command("/topic mine " + i)).endsWith(": mine " + i);
			}
			assertThat(clients.get(3).command("/topic one too many")).isEqualTo(
					"ERR your address has set the topics of 3 rooms, the most allowed (switchboard.rooms.topics-per-address);"
							+ " clear one (/topic -) or wait until one of those rooms has been empty for switchboard.rooms.topic-retention");
			assertThat(clients.get(0).command("/topic mine again")).as("its own topic replaced")
				.endsWith(": mine again");
			try (LineClient other = LineClient.from("127.0.0.22", this.server.tcpPort())) {
				other.readLine();
				other.command("/join t3" + suffix);
				assertThat(other.command("/topic from elsewhere")).endsWith(": from elsewhere");
			}
			assertThat(clients.get(1).command("/topic -")).endsWith("cleared the topic of t1" + suffix);
			clients.get(3).send("/join t4" + suffix).readUntil((line) -> line.startsWith("* you are now in room"));
			assertThat(clients.get(3).command("/topic now there is room")).endsWith(": now there is room");
		}
		finally {
			clients.forEach(LineClient::close);
		}
	}

	@Test
	void aTopicGoesOnceItsRoomHasBeenEmptyForTheRetention() {
		String room = "gone" + unique();
		try (LineClient alice = LineClient.from("127.0.0.23", this.server.tcpPort())) {
			alice.readLine();
			alice.command("/join " + room);
			assertThat(alice.command("/topic for a while")).endsWith(": for a while");
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.hub.rooms()
				.stream()
				.noneMatch((summary) -> summary.name().equals(room) && summary.topic() != null));
		try (LineClient bob = LineClient.from("127.0.0.23", this.server.tcpPort())) {
			bob.readLine();
			assertThat(bob.command("/join " + room)).isEqualTo("* you are now in room " + room);
			assertThat(bob.command("/topic")).isEqualTo("* no topic in " + room);
		}
	}

	@Test
	void aRoomAPolicyNamesKeepsItsTopicWhileEmpty() {
		try (LineClient alice = LineClient.from("127.0.0.24", this.server.tcpPort())) {
			alice.readLine();
			alice.command("/join news");
			assertThat(alice.command("/topic read me")).endsWith(": read me");
		}
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> this.hub.rooms()
				.stream()
				.anyMatch((summary) -> summary.name().equals("news") && "read me".equals(summary.topic())));
	}

	@Test
	void aTopicIsLimitedInBytesSoAnIrcTopicLineFits() {
		String room = "b" + unique();
		try (LineClient alice = LineClient.from("127.0.0.25", this.server.tcpPort())) {
			alice.readLine();
			alice.command("/join " + room);
			assertThat(alice.command("/topic " + "\u20ac".repeat(101))).isEqualTo("ERR topic too long (max 300 bytes)");
			assertThat(alice.command("/topic " + "\u20ac".repeat(100))).endsWith(": " + "\u20ac".repeat(100));
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
