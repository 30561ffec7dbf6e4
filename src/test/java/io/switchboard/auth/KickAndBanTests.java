package io.switchboard.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Bans on token subjects, and the admin commands {@code /kick} and {@code /ban}: only a
 * token with the {@code admin} claim may use them. Each test names its own users and
 * rooms, as the server is shared with {@link TokenAuthTests}.
 */
@SwitchboardTest({ "--switchboard.auth.mode=token", "--switchboard.auth.jwt.secret=" + Tokens.SECRET })
class KickAndBanTests {

	@Autowired
	ChatServer server;

	@Test
	void aSubjectBanDisconnectsItsSessionsAndRefusesItsTokenAtAuth() {
		String subject = "user-" + unique();
		String token = Tokens.hmac(subject, Duration.ofMinutes(5), Map.of());
		try (LineClient client = authenticated(token)) {
			HttpResponse<String> posted = this.server.http("POST", "/actuator/bans",
					"{\"subject\": \"" + subject + "\", \"reason\": \"abuse\"}");
			assertThat(posted.statusCode()).isEqualTo(201);
			assertThat(client.readToEnd()).last().isEqualTo("ERR banned: abuse (permanent)");
			try (LineClient again = LineClient.connected(this.server.tcpPort())) {
				again.readLine();
				again.send("/auth " + token);
				assertThat(again.readToEnd()).containsExactly("ERR banned: abuse (permanent)");
			}
			this.server.http("DELETE", "/actuator/bans/" + JsonPath.read(posted.body(), "$.id"), "");
			try (LineClient back = authenticated(token)) {
				assertThat(back.command("/ping")).isEqualTo("* pong");
			}
		}
	}

	@Test
	void onlyAnAdminTokenMayBanAndOnlyItOrTheRoomsMakerMayKick() {
		String room = "o" + unique();
		String maker = "m" + unique();
		String member = "n" + unique();
		try (LineClient first = inRoom(token(maker, false), room);
				LineClient client = inRoom(token(member, false), room)) {
			assertThat(client.command("/kick " + maker))
				.isEqualTo("ERR /kick needs an admin token, or to be the operator of room " + room);
			assertThat(client.command("/ban someone 1h")).isEqualTo("ERR /ban needs an admin token");
			assertThat(first.command("/ban someone 1h")).isEqualTo("ERR /ban needs an admin token");
			first.send("/kick " + member + " my room");
			assertThat(client.readToEnd()).last()
				.isEqualTo("ERR kicked from room " + room + " by " + maker + " (my room)");
		}
	}

	@Test
	void anAdminTokenKicksInTheDefaultRoomWhichHasNoOtherOperator() {
		String admin = "a" + unique();
		String target = "t" + unique();
		try (LineClient moderator = authenticated(token(admin, true));
				LineClient kicked = authenticated(token(target, false))) {
			assertThat(kicked.command("/kick " + admin))
				.isEqualTo("ERR /kick needs an admin token, or to be the operator of room lobby");
			moderator.send("/kick " + target);
			assertThat(kicked.readToEnd()).last().isEqualTo("ERR kicked from room lobby by " + admin);
		}
	}

	@Test
	void aKickDisconnectsAClientInOneRoomAndTheRoomIsTold() {
		String room = "k" + unique();
		String admin = "a" + unique();
		String target = "t" + unique();
		try (LineClient moderator = inRoom(token(admin, true), room);
				LineClient kicked = inRoom(token(target, false), room);
				LineClient bystander = inRoom(token("b" + unique(), false), room)) {
			assertThat(moderator.command("/kick nobody")).isEqualTo("ERR no nobody in room " + room);
			assertThat(moderator.command("/kick")).isEqualTo("ERR usage: /kick NICK [REASON]");
			moderator.send("/kick " + target + " too loud");
			String notice = "* " + target + " was kicked by " + admin + " (too loud)";
			assertThat(moderator.readUntil((line) -> line.startsWith("* " + target))).isEqualTo(notice);
			assertThat(bystander.readUntil((line) -> line.startsWith("* " + target))).isEqualTo(notice);
			assertThat(kicked.readToEnd()).last()
				.isEqualTo("ERR kicked from room " + room + " by " + admin + " (too loud)");
		}
		// Counted when the server has closed the connection, which may be just after the
		// client read its end.
		await().untilAsserted(() -> assertThat(
				this.server.get("/actuator/metrics/switchboard.connections.closed?tag=reason:kicked").statusCode())
			.isEqualTo(200));
	}

	@Test
	void aKickTakesAClientInSeveralRoomsOutOfThatRoomOnly() {
		String room = "k" + unique();
		String other = "o" + unique();
		String admin = "a" + unique();
		String target = "t" + unique();
		try (LineClient moderator = inRoom(token(admin, true), room);
				WebSocketProbe browser = WebSocketProbe.withQuery(this.server.httpPort(), "switchboard.json",
						"access_token=" + token(target, false))) {
			browser.send("{\"line\":\"/join " + other + "\"}");
			info(browser, "you are now in room " + other);
			browser.send("{\"line\":\"/join " + room + "\"}");
			info(browser, "you are now in room " + room);
			moderator.send("/kick " + target);
			assertThat(moderator.readUntil((line) -> line.startsWith("* " + target)))
				.isEqualTo("* " + target + " was kicked by " + admin);
			assertThat(info(browser, "you were kicked"))
				.isEqualTo("you were kicked from room " + room + " by " + admin);
			assertThat(info(browser, "you left room")).isEqualTo("you left room " + room + "; you write to " + other);
			browser.send("{\"line\":\"/who\"}");
			assertThat(info(browser, "in " + other)).contains(target);
		}
	}

	@Test
	void anAdminBansATokenHolderWhoIsThenRefusedAtAuth() {
		String room = "k" + unique();
		String admin = "a" + unique();
		String target = "t" + unique();
		String targetToken = token(target, false);
		try (LineClient moderator = inRoom(token(admin, true), room); LineClient banned = inRoom(targetToken, room)) {
			assertThat(moderator.command("/ban " + target + " soon")).startsWith("ERR duration must be like");
			// The room hears of it first: the ban is in force before the reply.
			assertThat(moderator.command("/ban " + target + " 1h spamming links"))
				.isEqualTo("* " + target + " was banned by " + admin + " (spamming links)");
			String reply = moderator.readLine();
			assertThat(reply).matches("\\* ban \\w+ of subject sub-" + target + " until .*Z");
			assertThat(banned.readToEnd()).last().asString().startsWith("ERR banned: spamming links (until ");
			try (LineClient again = LineClient.connected(this.server.tcpPort())) {
				again.readLine();
				again.send("/auth " + targetToken);
				assertThat(again.readToEnd()).singleElement().asString().startsWith("ERR banned: spamming links");
			}
			String id = reply.split(" ")[2];
			assertThat(this.server.http("DELETE", "/actuator/bans/" + id, "").statusCode()).isEqualTo(200);
		}
	}

	private LineClient authenticated(String token) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		client.readLine();
		client.send("/auth " + token);
		assertThat(client.readUntil((line) -> line.startsWith("* you are now in room")))
			.isEqualTo("* you are now in room lobby");
		return client;
	}

	private LineClient inRoom(String token, String room) {
		LineClient client = authenticated(token);
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static String token(String nick, boolean admin) {
		return Tokens.hmac("sub-" + nick, Duration.ofMinutes(5), Map.of("nick", nick, "admin", admin));
	}

	private static String info(WebSocketProbe browser, String prefix) {
		return JsonPath.read(
				browser.nextMatching((frame) -> frame.contains("\"info\"") && frame.contains("\"text\":\"" + prefix)),
				"$.text");
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
