package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /history} and catch-up after a reconnect, over real sockets in every dialect.
 */
@SwitchboardTest
class RoomHistoryTests {

	@Autowired
	ChatServer server;

	@Test
	void historyShowsTheRoomsLastLinesExactlyAsTheyWereDeliveredInEveryDoor() {
		String room = room();
		try (LineClient sender = inRoom(room)) {
			List<String> live = new ArrayList<>();
			for (String text : List.of("one", "two", "three")) {
				live.add(sender.send(text).readLine());
			}
			try (LineClient tcp = inRoom(room);
					WebSocketProbe text = WebSocketProbe.connected(this.server.httpPort(), "switchboard.text");
					WebSocketProbe json = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json");
					UdpProbe udp = new UdpProbe(this.server.udpPort())) {
				List<String> expected = new ArrayList<>();
				expected.add("* history of " + room + ": 3 lines");
				expected.addAll(live);
				expected.add("* end of history");
				assertThat(readLines(tcp.send("/history")::readLine, expected.size())).isEqualTo(expected);

				text.send("/join " + room);
				text.nextMatching((frame) -> frame.startsWith("* you are now in room"));
				text.send("/history 2");
				assertThat(readLines(text::next, 4)).containsExactly("* history of " + room + ": 2 lines", live.get(1),
						live.get(2), "* end of history");

				udp.join();
				udp.send("/join " + room);
				udp.receiveUntil((line) -> line.startsWith("* you are now in room"));
				udp.send("/history 1");
				assertThat(readLines(udp::receive, 3)).containsExactly("* history of " + room + ": 1 lines",
						live.get(2), "* end of history");

				json.send("{\"line\":\"/join " + room + "\"}");
				json.nextMatching((frame) -> frame.contains("you are now in room"));
				json.send("{\"line\":\"/history\"}");
				String history = json.next();
				assertThat((String) JsonPath.read(history, "$.type")).isEqualTo("history");
				assertThat((String) JsonPath.read(history, "$.room")).isEqualTo(room);
				assertThat((List<String>) JsonPath.read(history, "$.events[*].text")).containsExactly("one", "two",
						"three");
				assertThat((List<String>) JsonPath.read(history, "$.events[*].type")).containsOnly("chat");
				List<String> ids = JsonPath.read(history, "$.events[*].id");
				assertThat(ids).doesNotHaveDuplicates().allMatch((id) -> id.matches("[0-9a-z]{10}\\.\\d+"));
			}
		}
	}

	@Test
	void badHistoryRequestsGetAClearErrorAndNothingElse() {
		String room = room();
		try (LineClient client = inRoom(room); LineClient other = inRoom(room())) {
			String usage = "ERR usage: /history [N] (N from 1 to 200, default 20)";
			assertThat(client.command("/history -1")).isEqualTo(usage);
			assertThat(client.command("/history 0")).isEqualTo(usage);
			assertThat(client.command("/history 999999")).isEqualTo(usage);
			assertThat(client.command("/history abc")).isEqualTo(usage);
			assertThat(client.command("/history")).isEqualTo("* history of " + room + ": 0 lines");
			assertThat(client.readLine()).isEqualTo("* end of history");
			assertThat(other.command("/ping")).isEqualTo("* pong");
		}
	}

	@Test
	void aBrowserThatReconnectsCatchesUpOnWhatItMissedThenGetsLiveLines() {
		String room = room();
		try (LineClient sender = inRoom(room)) {
			String lastSeen;
			try (WebSocketProbe before = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
				before.send("{\"line\":\"/join " + room + "\"}");
				before.nextMatching((frame) -> frame.contains("you are now in room"));
				sender.send("seen").readLine();
				lastSeen = JsonPath.read(before.nextMatching((frame) -> frame.contains("\"chat\"")), "$.id");
			}
			// Gone for a while: three lines go by.
			for (String text : List.of("missed 1", "missed 2", "missed 3")) {
				sender.send(text).readLine();
			}
			try (WebSocketProbe after = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
				after.send("{\"line\":\"/join " + room + "\",\"since\":\"" + lastSeen + "\"}");
				assertThat(after.nextMatching((frame) -> frame.contains("you are now in room"))).contains(room);
				String recovered = after.next();
				assertThat((String) JsonPath.read(recovered, "$.type")).isEqualTo("recovered");
				assertThat((Boolean) JsonPath.read(recovered, "$.complete")).isTrue();
				assertThat(List.of(after.next(), after.next(), after.next()))
					.extracting((frame) -> (String) JsonPath.read(frame, "$.text"))
					.containsExactly("missed 1", "missed 2", "missed 3");
				sender.send("live");
				assertThat((String) JsonPath.read(after.next(), "$.text")).isEqualTo("live");
			}
		}
	}

	@Test
	void aReconnectThatNamesItsRoomAndLastIdStartsThereCaughtUpWithNothingOfTheDefaultRoom() {
		String room = room();
		try (LineClient sender = inRoom(room); LineClient lobby = LineClient.connected(this.server.tcpPort())) {
			sender.send("seen").readLine();
			String lastSeen = lastIdOf(room);
			sender.send("missed").readLine();
			lobby.send("a lobby line nobody in " + room + " should get").readLine();
			try (WebSocketProbe back = WebSocketProbe.withQuery(this.server.httpPort(), "switchboard.json",
					"room=" + room + "&since=" + lastSeen)) {
				assertThat((String) JsonPath.read(back.next(), "$.text")).contains("in room " + room);
				String recovered = back.next();
				assertThat((String) JsonPath.read(recovered, "$.type")).isEqualTo("recovered");
				assertThat((Boolean) JsonPath.read(recovered, "$.complete")).isTrue();
				assertThat((Integer) JsonPath.read(recovered, "$.lines")).isEqualTo(1);
				assertThat((String) JsonPath.read(back.next(), "$.text")).isEqualTo("missed");
				sender.send("live");
				assertThat((String) JsonPath.read(back.next(), "$.text")).isEqualTo("live");
			}
		}
	}

	@Test
	void aLineClientCatchesUpWhenItJoinsButNotOnTheRoomItIsIn() {
		String room = room();
		try (LineClient sender = inRoom(room); LineClient reader = LineClient.connected(this.server.tcpPort())) {
			sender.send("first").readLine();
			String id = lastIdOf(room);
			String missed = sender.send("second").readLine();
			reader.send("/join " + room + " since=" + id);
			assertThat(reader.readLine()).isEqualTo("* you are now in room " + room);
			assertThat(reader.readLine()).isEqualTo("* recovered 1 lines of " + room);
			assertThat(reader.readLine()).isEqualTo(missed);
			assertThat(reader.command("/join " + room + " since=" + id)).startsWith("ERR already in room " + room);
			assertThat(reader.command("/join " + room + " after=" + id)).startsWith("ERR usage: /join ROOM [since=ID]");
		}
	}

	@Test
	void aCatchUpWithABadIdIsRefusedAndTheClientStaysWhereItWas() {
		String room = room();
		String other = room();
		try (LineClient sender = inRoom(other);
				WebSocketProbe json = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			sender.send("a line in another room").readLine();
			String otherId = lastIdOf(other);
			json.send("{\"line\":\"/join " + room + "\",\"since\":\"not-an-id\"}");
			assertThat((String) JsonPath.read(json.nextMatching((frame) -> frame.contains("\"error\"")), "$.text"))
				.startsWith("malformed id");
			json.send("{\"line\":\"/join " + room + "\",\"since\":\"" + otherId + "\"}");
			assertThat((String) JsonPath.read(json.nextMatching((frame) -> frame.contains("\"error\"")), "$.text"))
				.isEqualTo("that id is not from room " + room);
			json.send("{\"line\":\"hi\",\"since\":\"" + otherId + "\"}");
			assertThat((String) JsonPath.read(json.nextMatching((frame) -> frame.contains("\"error\"")), "$.text"))
				.startsWith("expected {\"line\"");
			json.send("{\"line\":\"/who\"}");
			assertThat((String) JsonPath.read(json.nextMatching((frame) -> frame.contains("\"info\"")), "$.text"))
				.startsWith("in lobby:");
		}
	}

	private String lastIdOf(String room) {
		try (WebSocketProbe reader = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			reader.send("{\"line\":\"/join " + room + "\"}");
			reader.nextMatching((frame) -> frame.contains("you are now in room"));
			reader.send("{\"line\":\"/history 1\"}");
			return JsonPath.read(reader.nextMatching((frame) -> frame.contains("\"history\"")), "$.events[0].id");
		}
	}

	private LineClient inRoom(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static List<String> readLines(Supplier<String> next, int count) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add(next.get());
		}
		return lines;
	}

	private static String room() {
		return "h" + UUID.randomUUID().toString().substring(0, 8);
	}

}
