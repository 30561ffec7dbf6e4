package io.switchboard.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import io.switchboard.auth.Tokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish API with {@code switchboard.auth.mode=token}: services send lines with a
 * bearer token whose {@code publish} claim covers the room, or with the admin's
 * credentials; everything else is refused and reaches nobody. Flood control as for
 * clients: 1 line a second, bursts of 5.
 */
@SwitchboardTest({ "--switchboard.auth.mode=token", "--switchboard.auth.jwt.secret=" + Tokens.SECRET,
		"--test.client.rate=1", "--switchboard.client.burst=5" })
class PublishApiTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	ChatServer server;

	@Test
	void aServiceLineReachesLineAndJsonMembersWithTheIdItGotInHistory() {
		String room = room();
		try (LineClient tcp = member(room);
				WebSocketProbe json = WebSocketProbe.withQuery(this.server.httpPort(), "switchboard.json",
						"access_token=" + Tokens.hmac("json-member", Duration.ofMinutes(5), Map.of()))) {
			json.send("{\"line\":\"/join " + room + "\"}");
			json.nextMatching((frame) -> frame.contains("you are now in room " + room));
			HttpResponse<String> response = post(room, "{\"text\":\"build 42 passed\",\"from\":\"deploy-bot\"}",
					bearer(service(room)));
			assertThat(response.statusCode()).isEqualTo(200);
			String id = JsonPath.read(response.body(), "$.id");
			assertThat(id).matches("[0-9a-z]{10}\\.\\d+");
			assertThat((Integer) JsonPath.read(response.body(), "$.recipients")).isEqualTo(2);
			assertThat((Boolean) JsonPath.read(response.body(), "$.cluster")).isFalse();
			assertThat(tcp.readUntil((line) -> line.contains("build 42")))
				.matches("\\[.+] \\[deploy-bot] build 42 passed");
			String chat = json.nextMatching((frame) -> frame.contains("build 42"));
			assertThat((String) JsonPath.read(chat, "$.type")).isEqualTo("chat");
			assertThat((String) JsonPath.read(chat, "$.id")).isEqualTo(id);
			assertThat((String) JsonPath.read(chat, "$.from")).isEqualTo("[deploy-bot]");
			assertThat(this.server.get("/actuator/rooms/" + room + "/history").body())
				.contains("\"id\":\"" + id + "\"");
		}
	}

	@Test
	void aTokenForAnotherRoomIsRefusedAndNobodyHearsIt() {
		String room = room();
		try (LineClient tcp = member(room)) {
			HttpResponse<String> refused = post(room, "{\"text\":\"not for you\",\"from\":\"intruder\"}",
					bearer(service("elsewhere")));
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(error(refused)).isEqualTo("you may not publish to room " + room);
			// A person's chat token (no publish claim of its own) is no service's.
			HttpResponse<String> chatToken = post(room, "{\"text\":\"as a bot\",\"from\":\"bot\"}",
					bearer(Tokens.hmac("person", Duration.ofMinutes(5), Map.of("rooms", List.of(room)))));
			assertThat(chatToken.statusCode()).isEqualTo(403);
			assertThat(error(chatToken)).startsWith("the token has no publish claim");
			assertThat(post(room, "{\"text\":\"the real one\",\"from\":\"bot\"}", bearer(service(room))).statusCode())
				.isEqualTo(200);
			// The first chat line the member gets is the one that was allowed.
			assertThat(tcp.readUntil((line) -> line.startsWith("["))).endsWith("[bot] the real one");
		}
	}

	@Test
	void requestsWithoutValidCredentialsGet401AndTheReason() {
		String body = "{\"text\":\"hi\",\"from\":\"bot\"}";
		HttpResponse<String> none = post(room(), body, null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"switchboard\"");
		assertThat(error(none)).contains("bearer token");
		HttpResponse<String> expired = post("alerts", body,
				bearer(Tokens.hmac("late", Duration.ofMinutes(-5), Map.of("publish", "*"))));
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(error(expired)).isEqualTo("invalid token: expired");
		assertThat(expired.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"switchboard\", error=\"invalid_token\"");
		HttpResponse<String> garbage = post("alerts", body, "Bearer not.a.jwt");
		assertThat(garbage.statusCode()).isEqualTo(401);
		assertThat(error(garbage)).isEqualTo("invalid token: malformed token");
		HttpResponse<String> wrongAdmin = post("alerts", body, basic(ChatServer.ADMIN + ":wrong"));
		assertThat(wrongAdmin.statusCode()).isEqualTo(401);
	}

	@Test
	void theAdminPublishesToAnyRoom() {
		String room = room();
		try (LineClient tcp = member(room)) {
			HttpResponse<String> response = post(room, "{\"text\":\"maintenance at noon\",\"from\":\"ops\"}",
					basic(ChatServer.ADMIN + ":" + ChatServer.PASSWORD));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat((Integer) JsonPath.read(response.body(), "$.recipients")).isEqualTo(1);
			assertThat(tcp.readUntil((line) -> line.contains("maintenance"))).endsWith("[ops] maintenance at noon");
		}
	}

	@Test
	void aLineForARoomNoOneIsInIsKeptInItsHistory() {
		String room = room();
		HttpResponse<String> response = post(room, "{\"text\":\"for later\",\"from\":\"bot\"}", bearer(service(room)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((Integer) JsonPath.read(response.body(), "$.recipients")).isZero();
		String id = JsonPath.read(response.body(), "$.id");
		try (LineClient tcp = member(room)) {
			tcp.send("/history");
			assertThat(tcp.readUntil((line) -> line.contains("for later"))).endsWith("[bot] for later");
		}
		assertThat(this.server.get("/actuator/rooms/" + room + "/history").body()).contains("\"id\":\"" + id + "\"");
	}

	@Test
	void aPublisherOverItsRateGets429WithRetryAfter() {
		String room = room();
		String token = bearer(service(room));
		HttpResponse<String> response = null;
		int sent = 0;
		while (sent < 30) {
			response = post(room, "{\"text\":\"line " + sent + "\",\"from\":\"chatty\"}", token);
			if (response.statusCode() != 200) {
				break;
			}
			sent++;
		}
		assertThat(sent).isGreaterThanOrEqualTo(5);
		assertThat(response).isNotNull();
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
		assertThat(error(response)).startsWith("slow down");
		// Another publisher has a bucket of its own.
		assertThat(post(room, "{\"text\":\"me too\",\"from\":\"calm\"}", bearer(service(room))).statusCode())
			.isEqualTo(200);
	}

	@Test
	void badRequestsGet400AndTheReason() {
		String room = room();
		String token = bearer(service(room));
		Map<String, String> reasons = Map.of("{\"text\":\"" + "x".repeat(8193) + "\",\"from\":\"bot\"}",
				"text is 8193 bytes in UTF-8, over switchboard.max-message-bytes (8192)",
				"{\"text\":\"\",\"from\":\"bot\"}", "text is missing or empty",
				"{\"text\":\"two\\nlines\",\"from\":\"bot\"}",
				"text must be one line (no CR or LF): send one request per line", "{\"text\":\"hi\"}",
				"from must be 1-32 of A-Z a-z 0-9 _ . - (it is shown as [from])",
				"{\"text\":\"hi\",\"from\":\"[admin]\"}",
				"from must be 1-32 of A-Z a-z 0-9 _ . - (it is shown as [from])", "not json",
				"body must be JSON: {\"text\": \"...\", \"from\": \"...\"}");
		reasons.forEach((body, reason) -> {
			HttpResponse<String> response = post(room, body, token);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(error(response)).isEqualTo(reason);
		});
		HttpResponse<String> badRoom = post("no%20spaces", "{\"text\":\"hi\",\"from\":\"bot\"}",
				basic(ChatServer.ADMIN + ":" + ChatServer.PASSWORD));
		assertThat(badRoom.statusCode()).isEqualTo(400);
		assertThat(error(badRoom)).isEqualTo("room must be 1-32 of A-Z a-z 0-9 _ . -");
	}

	private LineClient member(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		client.readLine();
		client.send("/auth " + Tokens.hmac("member-" + room, Duration.ofMinutes(5), Map.of()));
		client.readUntil((line) -> line.startsWith("* you are now in room"));
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	/**
	 * A service's token: it may publish to {@code room} (its subject is new each time, so
	 * it has a rate bucket of its own).
	 */
	private static String service(String room) {
		return Tokens.hmac("service-" + UUID.randomUUID(), Duration.ofMinutes(5), Map.of("publish", List.of(room)));
	}

	private HttpResponse<String> post(String room, String body, @Nullable String authorization) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.httpPort() + "/api/rooms/" + room + "/messages"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("POST to room " + room + " failed", ex);
		}
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private static String error(HttpResponse<String> response) {
		return JsonPath.read(response.body(), "$.error");
	}

	private static String room() {
		return "p" + UUID.randomUUID().toString().substring(0, 8);
	}

}
