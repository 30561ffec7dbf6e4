package io.switchboard.websocket;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import io.switchboard.core.Nicks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket door at {@code /ws}: both dialects in the same rooms as TCP clients, and
 * every kind of bad input.
 */
@SwitchboardTest
class WebsocketChatTests {

	private static final JsonMapper JSON = new JsonMapper();

	@Autowired
	ChatServer server;

	@Test
	void textDialectFramesAreExactlyTheLinesAnNcClientSeesBothWays() {
		try (LineClient nc = LineClient.connected(this.server.tcpPort());
				LineClient witness = LineClient.connected(this.server.tcpPort());
				WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), "switchboard.text")) {
			assertThat(ws.subprotocol()).isEqualTo("switchboard.text");
			assertThat(nc.command("/join text-room")).isEqualTo("* you are now in room text-room");
			assertThat(witness.command("/join text-room")).isEqualTo("* you are now in room text-room");
			ws.send("/join text-room");
			assertThat(ws.nextMatching((frame) -> frame.startsWith("* you")))
				.isEqualTo("* you are now in room text-room");

			nc.send("hello from nc");
			String line = witness.readUntil((text) -> text.endsWith("hello from nc"));
			assertThat(ws.nextMatching((frame) -> frame.endsWith("hello from nc"))).isEqualTo(line);

			ws.send("hello from ws\n");
			assertThat(nc.readUntil((text) -> text.endsWith("hello from ws"))).endsWith(" hello from ws");
		}
	}

	@Test
	void aFirstFrameThatLooksLikeHttpIsChatNotAnotherProtocolKnocking() {
		// The WebSocket handshake already happened: only raw stream doors sniff their
		// first
		// bytes for HTTP and TLS.
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.send("GET / HTTP/1.1");
			assertThat(ws.next()).endsWith(" GET / HTTP/1.1");
		}
	}

	@Test
	void clientAskingForNoSubprotocolSpeaksText() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.send("/ping");
			assertThat(ws.next()).isEqualTo("* pong");
		}
	}

	@Test
	void jsonDialectSendsOneObjectPerFrameInTheSchema() {
		try (WebSocketProbe alice = WebSocketProbe.open(this.server.httpPort(), "switchboard.json", null);
				WebSocketProbe bob = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json");
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			assertThat(alice.subprotocol()).isEqualTo("switchboard.json");
			assertThat(json(alice.next()).get("type").asString()).isEqualTo("info");
			JsonNode hello = json(alice.hello());
			assertThat(hello.propertyNames()).containsExactly("type", "you", "rooms", "maxLineBytes", "maxFrameChars",
					"nick");
			assertThat(hello.get("you").asString()).matches("guest-\\d+");
			assertThat(hello.get("rooms").valueStream().map(JsonNode::asString)).containsExactly("lobby");
			assertThat(hello.get("maxLineBytes").asInt()).isEqualTo(8192);
			assertThat(hello.get("maxFrameChars").asInt()).isGreaterThan(8192);
			assertThat(hello.get("nick").get("pattern").asString()).isEqualTo(Nicks.PATTERN);
			assertThat(hello.get("nick").get("rules").asString()).isEqualTo(Nicks.RULES);
			alice.send("{\"line\": \"/nick alice\"}");
			assertThat(json(alice.next()).get("type").asString()).isEqualTo("info");
			alice.send("{\"line\": \"/join json-room\"}");
			assertThat(alice.next()).isEqualTo(
					"{\"type\":\"info\",\"kind\":\"joined\",\"room\":\"json-room\",\"text\":\"you are now in room json-room\"}");
			bob.send("{\"line\": \"/join json-room\"}");
			bob.nextMatching((frame) -> frame.contains("you are now"));
			nc.command("/join json-room");

			alice.send("{\"line\": \"hi \\\"bob\\\" </script>\"}");
			JsonNode chat = json(bob.nextMatching((frame) -> frame.contains("\"chat\"")));
			assertThat(chat.propertyNames()).containsExactly("type", "id", "room", "from", "text", "time");
			assertThat(chat.get("room").asString()).isEqualTo("json-room");
			assertThat(chat.get("from").asString()).isEqualTo("alice");
			assertThat(chat.get("text").asString()).isEqualTo("hi \"bob\" </script>");
			assertThat(chat.get("id").asString()).isNotEmpty();
			assertThat(chat.get("time").asString()).endsWith("Z");
			assertThat(Instant.parse(chat.get("time").asString())).isBeforeOrEqualTo(Instant.now());
			assertThat(nc.readUntil((line) -> line.contains("bob"))).endsWith(" alice hi \"bob\" </script>");

			nc.send("from nc");
			assertThat(json(bob.nextMatching((frame) -> frame.contains("from nc"))).get("text").asString())
				.isEqualTo("from nc");
			alice.send("{\"line\": \"/no-such-command\"}");
			assertThat(json(alice.nextMatching((frame) -> !frame.contains("\"chat\""))).get("type").asString())
				.isEqualTo("error");
		}
	}

	@Test
	void jsonRepliesCarryRoomsMembersAndNicksAsDataSoATopicNeverPassesForARoom() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json");
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			ws.send("{\"line\": \"/nick dana\"}");
			JsonNode nick = json(ws.nextMatching((frame) -> frame.contains("you are now dana")));
			assertThat(nick.get("kind").asString()).isEqualTo("nick");
			assertThat(nick.get("nick").asString()).isEqualTo("dana");
			ws.send("{\"line\": \"/join data-room\"}");
			ws.nextMatching((frame) -> frame.contains("\"joined\""));
			assertThat(nc.command("/join data-room")).isEqualTo("* you are now in room data-room");
			nc.command("/topic test (42), ghost (7)");

			ws.send("{\"line\": \"/rooms\"}");
			JsonNode rooms = json(ws.nextMatching((frame) -> frame.contains("\"kind\":\"rooms\"")));
			assertThat(rooms.get("text").asString()).contains("data-room (2) \"test (42), ghost (7)\"");
			List<String> names = rooms.get("rooms").valueStream().map((room) -> room.get("name").asString()).toList();
			assertThat(names).contains("data-room").doesNotContain("test", "ghost");
			JsonNode room = rooms.get("rooms")
				.valueStream()
				.filter((entry) -> entry.get("name").asString().equals("data-room"))
				.findFirst()
				.orElseThrow();
			assertThat(room.get("members").asInt()).isEqualTo(2);
			assertThat(room.get("topic").asString()).isEqualTo("test (42), ghost (7)");
			assertThat(rooms.get("more").asInt()).isZero();

			ws.send("{\"line\": \"/who\", \"room\": \"data-room\"}");
			JsonNode who = json(ws.nextMatching((frame) -> frame.contains("\"kind\":\"members\"")));
			assertThat(who.get("room").asString()).isEqualTo("data-room");
			assertThat(who.get("members").valueStream().map(JsonNode::asString).toList()).containsExactly("dana",
					nc.address());
		}
	}

	@Test
	void malformedJsonGetsAnErrorAndTheConnectionStays() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			ws.send("not json at all");
			assertThat(json(ws.next()).get("type").asString()).isEqualTo("error");
			ws.send("{\"text\": \"no line\"}");
			assertThat(json(ws.next()).get("type").asString()).isEqualTo("error");
			ws.send("{\"line\": \"/ping\"}");
			assertThat(ws.next()).isEqualTo("{\"type\":\"info\",\"text\":\"pong\"}");
		}
	}

	@Test
	void binaryFrameGetsAnErrorAndCloseCode1003() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(ws.next()).isEqualTo("ERR binary frames are not accepted");
			assertThat(ws.closeCode()).isEqualTo(1003);
		}
	}

	@Test
	void frameOverMaxMessageBytesGetsTheTcpErrorAndCloseCode1009() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.send("x".repeat(8192 + 10));
			assertThat(ws.next()).isEqualTo("ERR message too long (max 8192 bytes)");
			assertThat(ws.closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void frameFarOverTheLimitGetsTheErrorAndCloseCode1009WithoutBeingKeptWhole() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			try {
				ws.send("z".repeat(100_000));
			}
			catch (CompletionException ex) {
				// The server may close before the client has written the whole frame: the
				// client then sees its output closed; the error and the close frame still
				// come.
			}
			assertThat(ws.next()).isEqualTo("ERR message too long (max 8192 bytes)");
			assertThat(ws.closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void largeBinaryFrameIsRefusedAsBinaryNotAsTooLong() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			try {
				ws.sendBinary(new byte[100_000]);
			}
			catch (CompletionException ex) {
				// As above: refused at its first part, before it is all written.
			}
			assertThat(ws.next()).isEqualTo("ERR binary frames are not accepted");
			assertThat(ws.closeCode()).isEqualTo(1003);
		}
	}

	@Test
	void messageSentAsSeveralFramesIsOneLine() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.send("/join parts-room");
			ws.nextMatching((frame) -> frame.startsWith("* you"));
			ws.sendParts("hello ", "in ", "", "parts");
			assertThat(ws.next()).endsWith(" hello in parts");
		}
	}

	@Test
	void longLineOfMultibyteCharactersArrivesExactlyAsSent() {
		// The container hands a long message over in pieces of a few hundred characters;
		// 7 bytes in 4 characters (a surrogate pair among them) put its characters across
		// every kind of boundary. 8,190 bytes: under max-message-bytes, counted in UTF-8.
		String text = "aé🙂".repeat(1170);
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.send("/join multibyte-room");
			ws.nextMatching((frame) -> frame.startsWith("* you"));
			ws.send(text);
			assertThat(ws.nextMatching((frame) -> frame.contains("aé"))).endsWith(" " + text);
			ws.send(text + "aé🙂");
			assertThat(ws.next()).isEqualTo("ERR message too long (max 8192 bytes)");
			assertThat(ws.closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void frameOfExactlyMaxMessageBytesIsDelivered() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.send("/join max-room");
			ws.nextMatching((frame) -> frame.startsWith("* you"));
			String text = "y".repeat(8192);
			ws.send(text);
			assertThat(ws.nextMatching((frame) -> frame.contains("yyy"))).endsWith(" " + text);
		}
	}

	@Test
	void handshakeFromAnotherOriginIsRefusedAndNothingIsRegistered() {
		await().untilAsserted(() -> assertThat(websocketClients()).isEmpty());
		int port = this.server.httpPort();
		assertThat(WebSocketProbe.handshakeStatus(port, "http://evil.example")).isEqualTo(403);
		assertThat(WebSocketProbe.handshakeStatus(port, "http://127.0.0.1:" + (port + 1))).isEqualTo(403);
		assertThat(websocketClients()).isEmpty();
		assertThat(WebSocketProbe.handshakeStatus(port, "http://127.0.0.1:" + port)).as("same origin").isEqualTo(101);
	}

	@Test
	void websocketClientsAreListedAndTheListenerIsInHealth() {
		try (WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), null)) {
			ws.send("/nick listed");
			ws.next();
			assertThat(this.server.getAsAdmin("/actuator/clients").body()).contains("\"websocket\"").contains("listed");
		}
		String health = this.server.get("/actuator/health").body();
		assertThat((String) JsonPath.read(health, "$.components.websocket.status")).isEqualTo("UP");
		assertThat((String) JsonPath.read(health, "$.components.websocket.details.path")).isEqualTo("/ws");
	}

	private List<Object> websocketClients() {
		return JsonPath.read(this.server.getAsAdmin("/actuator/clients").body(), "$..[?(@.protocol == 'websocket')]");
	}

	private static JsonNode json(String frame) {
		return JSON.readTree(frame);
	}

}
