package io.switchboard.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish API with {@code switchboard.auth.mode=none}: only the admin's credentials
 * publish; and with {@code switchboard.publish.require-members=true} a room no one is in
 * is refused.
 */
@SwitchboardTest("--switchboard.publish.require-members=true")
class PublishWithoutTokensTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String ADMIN = "Basic " + Base64.getEncoder()
		.encodeToString((ChatServer.ADMIN + ":" + ChatServer.PASSWORD).getBytes(StandardCharsets.UTF_8));

	private static final String LINE = "{\"text\":\"deploy done\",\"from\":\"deployer\"}";

	@Autowired
	ChatServer server;

	@Test
	void aRoomNoOneIsInIsNotFoundAndOneWithAMemberGetsTheLine() {
		String room = "r" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> empty = post(room, ADMIN);
		assertThat(empty.statusCode()).isEqualTo(404);
		assertThat((String) JsonPath.read(empty.body(), "$.error"))
			.isEqualTo("no one is in room " + room + " (switchboard.publish.require-members)");
		try (LineClient member = LineClient.connected(this.server.tcpPort())) {
			assertThat(member.command("/join " + room)).isEqualTo("* you are now in room " + room);
			HttpResponse<String> published = post(room, ADMIN);
			assertThat(published.statusCode()).isEqualTo(200);
			assertThat((Integer) JsonPath.read(published.body(), "$.recipients")).isEqualTo(1);
			// Nothing from the refused request came first.
			assertThat(member.readUntil((line) -> line.startsWith("["))).endsWith("[deployer] deploy done");
		}
	}

	@Test
	void withoutTokenAuthenticationOnlyTheAdminPublishes() {
		HttpResponse<String> bearer = post("lobby", "Bearer some.token.here");
		assertThat(bearer.statusCode()).isEqualTo(401);
		assertThat((String) JsonPath.read(bearer.body(), "$.error"))
			.isEqualTo("bearer tokens need switchboard.auth.mode=token; use the admin's HTTP Basic credentials");
		HttpResponse<String> none = post("lobby", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"switchboard\"");
	}

	private HttpResponse<String> post(String room, @Nullable String authorization) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.httpPort() + "/api/rooms/" + room + "/messages"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(LINE));
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

}
