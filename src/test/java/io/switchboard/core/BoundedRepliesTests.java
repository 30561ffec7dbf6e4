package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /rooms} and {@code /who} with more entries than
 * {@code switchboard.max-list-entries} (100 by default). All clients come from 127.0.0.1,
 * so the per-address limit is off here.
 */
@SwitchboardTest("--switchboard.max-clients-per-ip=0")
class BoundedRepliesTests {

	@Autowired
	ChatServer server;

	private final List<LineClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(LineClient::close);
	}

	@Test
	void roomsListsTheFirstHundredRoomsByNameAndCountsTheRest() {
		for (int i = 0; i < 150; i++) {
			join(String.format("a%03d", i));
		}
		try (LineClient caller = LineClient.connected(this.server.tcpPort())) {
			// 150 rooms and the caller's lobby: 100 listed, 51 more
			String listed = IntStream.range(0, 100)
				.mapToObj((i) -> String.format("a%03d (1)", i))
				.collect(Collectors.joining(", "));
			await().untilAsserted(() -> assertThat(caller.command("/rooms"))
				.isEqualTo("* rooms: " + listed + ", \u2026 and 51 more"));
		}
	}

	@Test
	void whoListsTheFirstHundredMembersByArrivalAndCountsTheRest() {
		List<String> arrivals = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			arrivals.add(join("crowd").address());
		}
		LineClient caller = join("crowd");
		assertThat(caller.command("/who"))
			.isEqualTo("* in crowd: " + String.join(", ", arrivals.subList(0, 100)) + ", \u2026 and 21 more");
	}

	@Test
	void shortListsAreComplete() {
		LineClient alice = join("pair");
		LineClient bob = join("pair");
		assertThat(bob.command("/who")).isEqualTo("* in pair: " + alice.address() + ", " + bob.address());
	}

	private LineClient join(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		this.clients.add(client);
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

}
