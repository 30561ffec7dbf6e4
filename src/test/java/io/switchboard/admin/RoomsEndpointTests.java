package io.switchboard.admin;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/rooms} and {@code /actuator/rooms/{room}/history} over real HTTP, with
 * rooms, topics and history made by real chat clients.
 */
@SwitchboardTest
class RoomsEndpointTests {

	@Autowired
	ChatServer server;

	@Test
	void listingShowsMembersTopicAndHistoryCountsThatChangeAfterChatting() {
		String room = room();
		try (LineClient alice = LineClient.connected(this.server.tcpPort())) {
			alice.command("/join " + room);
			alice.command("/topic release planning");
			Map<String, Object> before = listed(room);
			assertThat(before).containsEntry("name", room)
				.containsEntry("members", 1)
				.containsEntry("topic", "release planning")
				.containsEntry("historyLines", 0)
				.containsEntry("historyBytes", 0);
			try (LineClient bob = LineClient.connected(this.server.tcpPort())) {
				bob.command("/join " + room);
				for (String text : List.of("one", "two", "three")) {
					alice.send(text).readLine();
				}
				await().untilAsserted(
						() -> assertThat(listed(room)).containsEntry("members", 2).containsEntry("historyLines", 3));
				assertThat(((Number) listed(room).get("historyBytes")).longValue()).isPositive();
			}
			alice.command("/topic -");
			await().untilAsserted(() -> assertThat(listed(room)).containsEntry("members", 1)
				.containsEntry("topic", null)
				.containsEntry("historyLines", 3));
		}
		String listing = this.server.get("/actuator/rooms").body();
		assertThat((Integer) JsonPath.read(listing, "$.count"))
			.isEqualTo(((List<?>) JsonPath.read(listing, "$.rooms")).size());
	}

	@Test
	void historyIsTheLastNLinesOldestFirstWithTheIdsTimesAndTextsClientsReceived() {
		String room = room();
		String nick = "a" + room;
		try (LineClient alice = LineClient.connected(this.server.tcpPort());
				WebSocketProbe reader = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			alice.command("/nick " + nick);
			alice.command("/join " + room);
			reader.send("{\"line\":\"/join " + room + "\"}");
			reader.nextMatching((frame) -> frame.contains("you are now in room"));
			List<String> frames = new ArrayList<>();
			for (int i = 1; i <= 22; i++) {
				String text = "line <" + i + ">";
				assertThat(alice.send(text).readLine()).endsWith("] " + nick + " " + text);
				frames.add(reader.nextMatching((frame) -> frame.contains("\"type\":\"chat\"")));
			}

			HttpResponse<String> lastThree = history(room, "?limit=3");
			assertThat(lastThree.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(lastThree.body(), "$.room")).isEqualTo(room);
			List<Map<String, Object>> lines = JsonPath.read(lastThree.body(), "$.lines");
			assertThat(lines).hasSize(3);
			for (int i = 0; i < 3; i++) {
				String frame = frames.get(19 + i);
				Map<String, Object> line = lines.get(i);
				assertThat(line).containsOnlyKeys("id", "from", "text", "time")
					.containsEntry("id", JsonPath.read(frame, "$.id"))
					.containsEntry("from", nick)
					.containsEntry("text", "line <" + (20 + i) + ">");
				assertThat(Instant.parse((String) line.get("time")).truncatedTo(ChronoUnit.MILLIS))
					.isEqualTo(Instant.parse(JsonPath.read(frame, "$.time")).truncatedTo(ChronoUnit.MILLIS));
			}

			List<String> byDefault = JsonPath.read(history(room, "").body(), "$.lines[*].text");
			assertThat(byDefault).hasSize(RoomsEndpoint.DEFAULT_LIMIT).startsWith("line <3>").endsWith("line <22>");
			List<String> all = JsonPath.read(history(room, "?limit=200").body(), "$.lines[*].text");
			assertThat(all).hasSize(22).startsWith("line <1>");
		}
	}

	@Test
	void theAdminSeesTheAddressOfASenderWithoutANick() {
		// Without a password, anonymous reads show such a sender as null:
		// ActuatorSecurityTests.
		String room = room();
		try (LineClient anonymous = LineClient.connected(this.server.tcpPort())) {
			anonymous.command("/join " + room);
			anonymous.send("no nick here").readLine();
			String asAdmin = this.server.getAsAdmin("/actuator/rooms/" + room + "/history").body();
			assertThat((List<String>) JsonPath.read(asAdmin, "$.lines[*].text")).containsExactly("no nick here");
			assertThat((List<String>) JsonPath.read(asAdmin, "$.lines[*].from")).containsExactly(anonymous.address());
		}
	}

	@Test
	void aBadLimitOrRoomNameIs400WithTheReason() {
		String room = room();
		for (String limit : List.of("0", "-1", "201", "abc", "")) {
			HttpResponse<String> response = history(room, "?limit=" + limit);
			assertThat(response.statusCode()).as(limit).isEqualTo(400);
			assertThat((String) JsonPath.read(response.body(), "$.error")).as(limit)
				.isEqualTo("limit must be 1 to 200 (switchboard.history.size), was " + limit);
		}
		for (String name : List.of("bad!name", "x".repeat(33), "caf%C3%A9")) {
			HttpResponse<String> response = history(name, "");
			assertThat(response.statusCode()).as(name).isEqualTo(400);
			assertThat((String) JsonPath.read(response.body(), "$.error")).as(name)
				.isEqualTo("room must be 1-32 of A-Z a-z 0-9 _ . -");
		}
	}

	@Test
	void aRoomWithoutHistoryHasNoLinesAndOtherPathsAre404() {
		String room = room();
		HttpResponse<String> empty = history(room, "");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(empty.body(), "$.room")).isEqualTo(room);
		assertThat((List<?>) JsonPath.read(empty.body(), "$.lines")).isEmpty();
		assertThat(this.server.get("/actuator/rooms/" + room + "/topic").statusCode()).isEqualTo(404);
	}

	private Map<String, Object> listed(String room) {
		List<Map<String, Object>> rooms = JsonPath.read(this.server.get("/actuator/rooms").body(),
				"$.rooms[?(@.name == '" + room + "')]");
		assertThat(rooms).as(room).hasSize(1);
		return rooms.getFirst();
	}

	private HttpResponse<String> history(String room, String query) {
		return this.server.get("/actuator/rooms/" + room + "/history" + query);
	}

	private static String room() {
		return "r" + UUID.randomUUID().toString().substring(0, 8);
	}

}
