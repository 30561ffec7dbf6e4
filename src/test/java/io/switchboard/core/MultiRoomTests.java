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
 * Several rooms at once: a json client joins and parts any number (up to
 * {@code client.max-rooms}) and names the room of what it sends; line clients keep one
 * room unless {@code line.multi-room} is on.
 */
@SwitchboardTest("--switchboard.client.max-rooms=3")
class MultiRoomTests {

	@Autowired
	ChatServer server;

	@Test
	void aJsonClientHearsEveryRoomItJoinedAndEachEventNamesItsRoom() {
		String dev = room();
		String ops = room();
		try (LineClient inLobby = LineClient.connected(this.server.tcpPort());
				LineClient inDev = inRoom(dev);
				LineClient inOps = inRoom(ops);
				WebSocketProbe browser = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			join(browser, dev);
			join(browser, ops);
			inDev.send("in dev");
			assertThat(roomOfChat(browser, "in dev")).isEqualTo(dev);
			inOps.send("in ops");
			assertThat(roomOfChat(browser, "in ops")).isEqualTo(ops);
			inLobby.send("in lobby");
			assertThat(roomOfChat(browser, "in lobby")).isEqualTo("lobby");

			// A send names its room; without one it goes to the room joined last.
			browser.send("{\"room\":\"" + dev + "\",\"line\":\"to dev\"}");
			assertThat(inDev.readUntil((line) -> line.endsWith(" to dev"))).isNotEmpty();
			browser.send("{\"line\":\"to the last joined\"}");
			assertThat(inOps.readUntil((line) -> line.endsWith(" to the last joined"))).isNotEmpty();
			browser.send("{\"room\":\"" + dev + "\",\"line\":\"/who\"}");
			assertThat(info(browser, "in " + dev + ":")).contains(inDev.address());

			// Parting one room: its lines stop; the others go on.
			browser.send("{\"line\":\"/part " + dev + "\"}");
			assertThat(info(browser, "you left room")).isEqualTo("you left room " + dev + "; you write to " + ops);
			inDev.send("after the part");
			inOps.send("still here");
			assertThat(JsonPath.read(browser.nextMatching((frame) -> frame.contains("\"chat\"")), "$.text").toString())
				.isEqualTo("still here");
			browser.send("{\"room\":\"" + dev + "\",\"line\":\"not a member\"}");
			assertThat(error(browser)).isEqualTo("you are not in room " + dev + " (/join it first)");
		}
	}

	@Test
	void aClientCannotJoinMoreThanMaxRoomsNorLeaveItsLastRoom() {
		try (WebSocketProbe browser = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			join(browser, room());
			join(browser, room());
			browser.send("{\"line\":\"/join " + room() + "\"}");
			assertThat(error(browser)).startsWith("you are in 3 rooms, the most allowed");
			browser.send("{\"line\":\"/part nowhere\"}");
			assertThat(error(browser)).isEqualTo("you are not in room nowhere");
		}
		try (WebSocketProbe browser = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			browser.send("{\"line\":\"/part lobby\"}");
			assertThat(error(browser)).isEqualTo("you cannot leave your only room; /join another first");
		}
	}

	@Test
	void lineClientsStillMoveBetweenRoomsByDefault() {
		String dev = room();
		try (LineClient nc = LineClient.connected(this.server.tcpPort())) {
			assertThat(nc.command("/part lobby")).startsWith("ERR /part needs several rooms");
			assertThat(nc.command("/join " + dev)).isEqualTo("* you are now in room " + dev);
			assertThat(this.server.get("/actuator/clients").body()).contains("\"rooms\":[\"" + dev + "\"]");
		}
	}

	private static void join(WebSocketProbe browser, String room) {
		browser.send("{\"line\":\"/join " + room + "\"}");
		assertThat(info(browser, "you are now in room")).isEqualTo("you are now in room " + room);
	}

	private static String info(WebSocketProbe browser, String prefix) {
		return JsonPath.read(
				browser.nextMatching((frame) -> frame.contains("\"info\"") && frame.contains("\"text\":\"" + prefix)),
				"$.text");
	}

	private static String error(WebSocketProbe browser) {
		return JsonPath.read(browser.nextMatching((frame) -> frame.contains("\"error\"")), "$.text");
	}

	private static String roomOfChat(WebSocketProbe browser, String text) {
		return JsonPath.read(browser.nextMatching((frame) -> frame.contains("\"text\":\"" + text + "\"")), "$.room");
	}

	private LineClient inRoom(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static String room() {
		return "m" + UUID.randomUUID().toString().substring(0, 8);
	}

}
