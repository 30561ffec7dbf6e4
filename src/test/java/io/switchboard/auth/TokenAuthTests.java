package io.switchboard.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code switchboard.auth.mode=token} with an HMAC secret: clients present a JWT first
 * ({@code /auth TOKEN}, or at the WebSocket handshake), and its claims decide their nick
 * and the rooms they may join and send to.
 */
@SwitchboardTest({ "--switchboard.auth.mode=token", "--switchboard.auth.jwt.secret=" + Tokens.SECRET,
		"--switchboard.rooms.policies[0].pattern=news-*", "--switchboard.rooms.policies[0].read-only=true" })
class TokenAuthTests {

	@Autowired
	ChatServer server;

	@Test
	void aLineClientAuthenticatesFirstThenGetsItsNickAndMayOnlyUseItsRooms() {
		try (LineClient client = LineClient.connected(this.server.tcpPort())) {
			assertThat(client.readLine()).isEqualTo("* authenticate with /auth TOKEN within 10s");
			assertThat(client.command("hello")).isEqualTo("ERR authenticate first: /auth TOKEN");
			assertThat(client.command("/who")).isEqualTo("ERR authenticate first: /auth TOKEN");
			assertThat(client.command("/ping")).isEqualTo("* pong");
			client.send("/auth " + Tokens.hmac("user-1", Duration.ofMinutes(5),
					Map.of("nick", "tokenalice", "rooms", List.of("lobby", "team-*"), "publish", List.of("team-*"))));
			assertThat(client.readLine()).startsWith("* authenticated as user-1 until ");
			assertThat(client.readLine()).isEqualTo("* you are now tokenalice");
			assertThat(client.readLine()).isEqualTo("* you are now in room lobby");
			assertThat(client.command("/nick other")).isEqualTo("ERR your token gives you the nick tokenalice");
			assertThat(client.command("hello lobby")).isEqualTo("ERR you may not send to room lobby");
			assertThat(client.command("/join elsewhere")).isEqualTo("ERR you may not join room elsewhere");
			assertThat(client.command("/join team-a")).isEqualTo("* you are now in room team-a");
			assertThat(client.send("hello team").readLine()).endsWith("] tokenalice hello team");
			assertThat(this.server.getAsAdmin("/actuator/clients").body()).contains("\"nick\":\"tokenalice\"");
		}
	}

	@Test
	void inAReadOnlyRoomOnlyAnAdminTokenWritesAndTheRoomsClaimStillDecidesWhoJoins() {
		try (LineClient admin = LineClient.connected(this.server.tcpPort());
				LineClient reader = LineClient.connected(this.server.tcpPort());
				LineClient outsider = LineClient.connected(this.server.tcpPort())) {
			admin
				.send("/auth " + Tokens.hmac("editor", Duration.ofMinutes(5), Map.of("nick", "editor", "admin", true)));
			admin.readUntil((line) -> line.equals("* you are now in room lobby"));
			reader.send("/auth " + Tokens.hmac("reader", Duration.ofMinutes(5), Map.of("nick", "reader")));
			reader.readUntil((line) -> line.equals("* you are now in room lobby"));
			outsider.send("/auth " + Tokens.hmac("outsider", Duration.ofMinutes(5), Map.of("rooms", List.of("lobby"))));
			outsider.readUntil((line) -> line.equals("* you are now in room lobby"));
			assertThat(admin.command("/join news-today")).isEqualTo("* you are now in room news-today");
			assertThat(reader.command("/join news-today")).isEqualTo("* you are now in room news-today");
			assertThat(outsider.command("/join news-today")).isEqualTo("ERR you may not join room news-today");
			assertThat(reader.command("can I?")).isEqualTo("ERR room news-today is read-only");
			assertThat(admin.command("/topic today's news")).startsWith("* editor set the topic of news-today");
			assertThat(reader.readLine()).startsWith("* editor set the topic of news-today");
			admin.send("extra, extra");
			assertThat(reader.readLine()).endsWith("] editor extra, extra");
		}
	}

	@Test
	void badTokensGetTheReasonAndTheConnectionIsClosed() {
		Map<String, String> reasons = Map.of(Tokens.hmac("late", Duration.ofMinutes(-5), Map.of()), "expired",
				Tokens.hmacWith("another-secret-that-is-also-at-least-256-bits", "forger"), "bad signature",
				Tokens.unsigned("nobody"), "", "not.a.jwt", "malformed token");
		reasons.forEach((token, reason) -> {
			try (LineClient client = LineClient.connected(this.server.tcpPort())) {
				client.readLine();
				client.send("/auth " + token);
				List<String> rest = client.readToEnd();
				assertThat(rest).hasSize(1);
				assertThat(rest.getFirst()).startsWith("ERR invalid token: " + reason);
			}
		});
		// Over 8 KiB: the line itself is too long, and refused as such.
		try (LineClient client = LineClient.connected(this.server.tcpPort())) {
			client.readLine();
			client.send("/auth " + "x".repeat(9000));
			assertThat(client.readToEnd()).containsExactly("ERR message too long (max 8192 bytes)");
		}
	}

	@Test
	void aTokenThatTakesANickAnotherSessionHoldsKeepsTheOlderSessionsNick() {
		String token = Tokens.hmac("user-2", Duration.ofMinutes(5), Map.of("nick", "tokenbob"));
		try (LineClient first = LineClient.connected(this.server.tcpPort());
				LineClient second = LineClient.connected(this.server.tcpPort())) {
			first.readLine();
			second.readLine();
			first.send("/auth " + token);
			assertThat(first.readUntil((line) -> line.startsWith("* you are now ")))
				.isEqualTo("* you are now tokenbob");
			second.send("/auth " + token);
			assertThat(second.readUntil((line) -> line.startsWith("ERR")))
				.isEqualTo("ERR nick tokenbob is held by another session");
		}
	}

	@Test
	void aUdpMemberAuthenticatesWithADatagram() {
		try (UdpProbe udp = new UdpProbe(this.server.udpPort())) {
			udp.join();
			udp.send("hello");
			assertThat(udp.receiveUntil((line) -> line.startsWith("ERR")))
				.isEqualTo("ERR authenticate first: /auth TOKEN");
			udp.send("/auth " + Tokens.hmac("udp-user", Duration.ofMinutes(5), Map.of()));
			assertThat(udp.receiveUntil((line) -> line.startsWith("* authenticated")))
				.startsWith("* authenticated as udp-user");
		}
	}

	@Test
	void aWebSocketClientAuthenticatesAtTheHandshakeOrIsRefused() {
		String token = Tokens.hmac("browser", Duration.ofMinutes(5), Map.of("nick", "tokencarol"));
		try (WebSocketProbe ws = WebSocketProbe.withQuery(this.server.httpPort(), "switchboard.text",
				"access_token=" + token)) {
			assertThat(ws.next()).startsWith("* welcome");
			ws.send("hello from a token");
			assertThat(ws.nextMatching((frame) -> frame.contains("hello from a token")))
				.endsWith(" hello from a token");
		}
		try (WebSocketProbe ws = WebSocketProbe.withQuery(this.server.httpPort(), "switchboard.text",
				"access_token=not.a.jwt")) {
			assertThat(ws.next()).isEqualTo("ERR invalid token: malformed token");
			assertThat(ws.closeCode()).isEqualTo(1008);
		}
	}

	@Test
	void aHandshakeTokenThatRefusesTheRoomAskedForSaysWhichAndFallsBackToTheDefaultRoomIfAllowed() {
		String lobbyOnly = Tokens.hmac("lobby-only", Duration.ofMinutes(5), Map.of("rooms", List.of("lobby")));
		try (WebSocketProbe ws = WebSocketProbe.withQuery(this.server.httpPort(), "switchboard.text",
				"room=secret&access_token=" + lobbyOnly)) {
			assertThat(ws.next()).startsWith("* welcome").endsWith(" in room lobby; /help for commands");
			assertThat(ws.next()).isEqualTo("ERR your token does not allow room secret; you are in lobby");
			ws.send("/who");
			assertThat(ws.next()).startsWith("* in lobby: ");
		}
		String teamOnly = Tokens.hmac("team-only", Duration.ofMinutes(5), Map.of("rooms", List.of("team-*")));
		try (WebSocketProbe ws = WebSocketProbe.withQuery(this.server.httpPort(), "switchboard.text",
				"room=secret&access_token=" + teamOnly)) {
			ws.next();
			assertThat(ws.next()).isEqualTo("ERR your token does not allow room secret; /join a room it allows");
			ws.send("/join team-a");
			assertThat(ws.next()).isEqualTo("* you are now in room team-a");
		}
	}

	@Test
	void aWebSocketClientMayShowItsTokenInAnAuthorizationHeader() {
		// The one handshake header a WebSocket session keeps (LeanUpgradeStrategy).
		String token = Tokens.hmac("header", Duration.ofMinutes(5), Map.of("nick", "tokendave"));
		try (WebSocketProbe ws = WebSocketProbe.from(this.server.httpPort(), InetAddress.getLoopbackAddress(),
				Map.of("Authorization", "Bearer " + token))) {
			assertThat(ws.next()).startsWith("* welcome");
			ws.send("hello by header");
			assertThat(ws.nextMatching((frame) -> frame.contains("hello by header")))
				.endsWith(" tokendave hello by header");
		}
	}

}
