package io.switchboard.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/bans} over real HTTP, with clients on real sockets: clients a ban
 * matches are disconnected at once and refused afterwards, until it is lifted or ends.
 * The tests' clients come from 127.0.0.1; address bans here are on 127.0.0.4x, addresses
 * no other test connects from.
 */
@SwitchboardTest
class BansEndpointTests {

	private static final String BANNED_UNTIL = "ERR banned: %s \\(until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)";

	@Autowired
	ChatServer server;

	@Test
	void anAddressBanDisconnectsThatAddressRefusesItAfterwardsAndLiftingLetsItBackIn() {
		String room = room();
		try (LineClient banned = LineClient.from("127.0.0.41", this.server.tcpPort());
				LineClient bystander = LineClient.connected(this.server.tcpPort())) {
			banned.readLine();
			banned.command("/nick " + room);
			banned.command("/join " + room);
			bystander.command("/join " + room);
			HttpResponse<String> posted = this.server.http("POST", "/actuator/bans",
					"{\"cidr\": \"127.0.0.41/32\", \"duration\": \"1h\", \"reason\": \"spam\"}");
			assertThat(posted.statusCode()).isEqualTo(201);
			String id = JsonPath.read(posted.body(), "$.id");
			assertThat(banned.readToEnd()).last().asString().matches(BANNED_UNTIL.formatted("spam"));
			assertThat(bystander.readLine()).isEqualTo("* " + room + " was banned by operator (spam)");
			assertThat(bystander.command("/ping")).isEqualTo("* pong");
			try (LineClient again = LineClient.from("127.0.0.41", this.server.tcpPort())) {
				assertThat(again.readToEnd()).singleElement().asString().matches(BANNED_UNTIL.formatted("spam"));
			}
			List<Map<String, Object>> listed = JsonPath.read(this.server.get("/actuator/bans").body(),
					"$.bans[?(@.id == '" + id + "')]");
			assertThat(listed).singleElement()
				.asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("kind", "cidr")
				.containsEntry("value", "127.0.0.41/32")
				.containsEntry("reason", "spam")
				.containsEntry("by", ChatServer.ADMIN)
				.containsKeys("created", "until");
			assertThat(this.server.get("/actuator/metrics/switchboard.connections.closed?tag=reason:banned").body())
				.contains("\"value\":");

			assertThat(this.server.http("DELETE", "/actuator/bans/" + id, "").statusCode()).isEqualTo(200);
			assertThat(this.server.get("/actuator/bans/" + id).statusCode()).isEqualTo(404);
			assertThat(this.server.http("DELETE", "/actuator/bans/" + id, "").statusCode()).isEqualTo(404);
			try (LineClient back = LineClient.from("127.0.0.41", this.server.tcpPort())) {
				assertThat(back.readLine()).startsWith("* welcome");
			}
		}
	}

	@Test
	void aNickBanDisconnectsItsHolderAndNobodyMayTakeItUntilLifted() {
		String nick = "n" + room();
		try (LineClient holder = LineClient.connected(this.server.tcpPort());
				LineClient other = LineClient.connected(this.server.tcpPort())) {
			holder.command("/nick " + nick);
			other.command("/join " + room());
			String id = post("{\"nick\": \"" + nick.toUpperCase() + "\"}");
			assertThat(holder.readToEnd()).last().isEqualTo("ERR banned: no reason given (permanent)");
			assertThat(other.command("/nick " + nick)).isEqualTo("ERR nick " + nick + " is banned");
			this.server.http("DELETE", "/actuator/bans/" + id, "");
			// the holder's session ends just after its socket closes
			await().until(() -> other.command("/nick " + nick).equals("* you are now " + nick));
		}
	}

	@Test
	void aBanWithADurationEndsByItself() {
		String nick = "n" + room();
		post("{\"nick\": \"" + nick + "\", \"duration\": \"1s\"}");
		try (LineClient client = LineClient.connected(this.server.tcpPort())) {
			assertThat(client.command("/nick " + nick)).isEqualTo("ERR nick " + nick + " is banned");
			await().until(() -> client.command("/nick " + nick).equals("* you are now " + nick));
			assertThat(this.server.get("/actuator/bans").body()).doesNotContain(nick);
		}
	}

	@Test
	void badInputIsRefusedWith400AndChangesNothing() {
		int before = JsonPath.read(this.server.get("/actuator/bans").body(), "$.count");
		Map<String, String> refusals = Map.of("{\"cidr\": \"10.0.0.0/33\"}", "not an address or network (CIDR)",
				"{\"cidr\": \"example.com/8\"}", "not an address or network (CIDR)", "{\"ip\": \"10.0.0.0/8\"}",
				"ip must be one address", "{\"ip\": \"10.0.0.1\", \"duration\": \"soon\"}", "duration must be like",
				"{\"ip\": \"10.0.0.1\", \"duration\": \"-1h\"}", "duration must be positive",
				"{\"ip\": \"10.0.0.1\", \"duration\": \"0s\"}", "duration must be positive",
				"{\"ip\": \"10.0.0.1\", \"nick\": \"alice\"}", "give exactly one of ip, cidr, nick or subject",
				"{\"reason\": \"nothing to ban\"}", "give exactly one of ip, cidr, nick or subject",
				"{\"nick\": \"not a nick\"}", "nick must be 1-32 of");
		refusals.forEach((body, error) -> {
			HttpResponse<String> response = this.server.http("POST", "/actuator/bans", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat((String) JsonPath.read(response.body(), "$.error")).as(body).contains(error);
		});
		assertThat((Integer) JsonPath.read(this.server.get("/actuator/bans").body(), "$.count")).isEqualTo(before);
	}

	@Test
	void writesNeedTheAdminsCredentials() {
		assertThat(this.server.http("POST", "/actuator/bans", "{\"ip\": \"10.9.9.9\"}", null).statusCode())
			.isEqualTo(401);
		assertThat(this.server.http("DELETE", "/actuator/bans/x", "", null).statusCode()).isEqualTo(401);
	}

	@Test
	void disconnectingWithBanBansTheClientsAddress() {
		try (LineClient client = LineClient.from("127.0.0.42", this.server.tcpPort())) {
			client.readLine();
			String id = idOf("127.0.0.42");
			HttpResponse<String> refused = this.server.http("DELETE", "/actuator/clients/" + id + "?ban=later", "");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(client.command("/ping")).as("still connected").isEqualTo("* pong");

			HttpResponse<String> banned = this.server.http("DELETE",
					"/actuator/clients/" + id + "?ban=10m&reason=trolling", "");
			assertThat(banned.statusCode()).isEqualTo(201);
			assertThat((String) JsonPath.read(banned.body(), "$.value")).isEqualTo("127.0.0.42");
			assertThat(client.readToEnd()).last().asString().matches(BANNED_UNTIL.formatted("trolling"));
			try (LineClient again = LineClient.from("127.0.0.42", this.server.tcpPort())) {
				assertThat(again.readToEnd()).singleElement().asString().matches(BANNED_UNTIL.formatted("trolling"));
			}
			this.server.http("DELETE", "/actuator/bans/" + JsonPath.read(banned.body(), "$.id"), "");
		}
	}

	private String post(String body) {
		HttpResponse<String> response = this.server.http("POST", "/actuator/bans", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JsonPath.read(response.body(), "$.id");
	}

	private String idOf(String ip) {
		List<String> ids = JsonPath.read(this.server.getAsAdmin("/actuator/clients").body(),
				"$.clients[?(@.remoteAddress =~ /" + ip.replace(".", "\\.") + ":.*/)].id");
		assertThat(ids).hasSize(1);
		return ids.getFirst();
	}

	private static String room() {
		return "r" + UUID.randomUUID().toString().substring(0, 8);
	}

}
