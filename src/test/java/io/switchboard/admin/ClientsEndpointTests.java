package io.switchboard.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SwitchboardTest
class ClientsEndpointTests {

	@Autowired
	ChatServer server;

	@Test
	void listingAndSingleClientShowIdentityRoomAndCounters() {
		String room = room();
		try (LineClient alice = LineClient.connected(this.server.tcpPort())) {
			alice.command("/join " + room);
			alice.command("/nick a" + room);
			alice.send("hello");
			alice.readLine();
			String id = idOf(alice);
			await().untilAsserted(() -> {
				Map<String, Object> client = JsonPath.read(this.server.getAsAdmin("/actuator/clients/" + id).body(),
						"$");
				assertThat(client).containsEntry("id", id)
					.containsEntry("protocol", "tcp")
					.containsEntry("remoteAddress", alice.address())
					.containsEntry("nick", "a" + room)
					.containsEntry("room", room)
					.containsEntry("messagesIn", 3)
					.containsEntry("messagesOut", 4)
					.containsEntry("outboxBytes", 0)
					.containsKeys("connectedAt", "lastActiveAt", "bytesIn", "bytesOut");
				assertThat((String) client.get("connectedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
			});
			String listing = this.server.get("/actuator/clients").body();
			assertThat((Integer) JsonPath.read(listing, "$.count")).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void theAdminSeesEveryClientsAddress() {
		// Anonymous reads are refused, or without a password show no addresses:
		// ActuatorSecurityTests.
		try (LineClient alice = LineClient.connected(this.server.tcpPort());
				UdpProbe udp = new UdpProbe(this.server.udpPort())) {
			udp.join();
			String id = idOf(alice);
			assertThat(this.server.getAsAdmin("/actuator/clients").body()).contains(alice.address(), udp.address());
			assertThat(this.server.getAsAdmin("/actuator/clients/" + id).body())
				.contains("\"remoteAddress\":\"" + alice.address() + "\"");
		}
	}

	@Test
	void unknownClientIs404ForReadAndDelete() {
		assertThat(this.server.get("/actuator/clients/tcp-999999").statusCode()).isEqualTo(404);
		assertThat(this.server.http("DELETE", "/actuator/clients/tcp-999999", "").statusCode()).isEqualTo(404);
	}

	@Test
	void deleteTellsTheClientAndClosesIt() {
		try (LineClient alice = LineClient.connected(this.server.tcpPort())) {
			String id = idOf(alice);
			HttpResponse<String> response = this.server.http("DELETE", "/actuator/clients/" + id, "");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(alice.readToEnd()).containsExactly("* disconnected by operator");
			await().until(() -> this.server.get("/actuator/clients/" + id).statusCode() == 404);
			assertThat(this.server.get("/actuator/prometheus").body()).containsPattern(
					"switchboard_connections_closed_total\\{.*protocol=\"tcp\",reason=\"operator\"} [1-9]");
		}
	}

	@Test
	void postSendsAnOperatorMessageToOneRoomOrToAll() {
		String room = room();
		try (LineClient inRoom = LineClient.connected(this.server.tcpPort());
				LineClient elsewhere = LineClient.connected(this.server.tcpPort())) {
			inRoom.command("/join " + room);
			elsewhere.command("/join " + room());
			HttpResponse<String> response = this.server.http("POST", "/actuator/clients",
					"{\"message\": \"maintenance at five\", \"room\": \"" + room + "\"}");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat((Integer) JsonPath.read(response.body(), "$.recipients")).isEqualTo(1);
			assertThat(inRoom.readLine()).isEqualTo("* [operator] maintenance at five");

			this.server.http("POST", "/actuator/clients", "{\"message\": \"to everyone\"}");
			assertThat(inRoom.readLine()).isEqualTo("* [operator] to everyone");
			assertThat(elsewhere.readLine()).isEqualTo("* [operator] to everyone");
		}
	}

	@Test
	void operatorMessageOverMaxMessageBytesInTheWireCharsetIsRefusedAndSentToNobody() {
		String room = room();
		try (LineClient member = LineClient.connected(this.server.tcpPort())) {
			member.command("/join " + room);
			// 4,096 two-byte characters are 8,192 bytes in UTF-8, the limit
			String max = "\u00e9".repeat(4096);
			HttpResponse<String> refused = this.server.http("POST", "/actuator/clients",
					"{\"message\": \"" + max + "x\", \"room\": \"" + room + "\"}");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat((String) JsonPath.read(refused.body(), "$.error"))
				.isEqualTo("message is 8193 bytes in UTF-8, over switchboard.max-message-bytes (8192)");
			HttpResponse<String> sent = this.server.http("POST", "/actuator/clients",
					"{\"message\": \"" + max + "\", \"room\": \"" + room + "\"}");
			assertThat(sent.statusCode()).isEqualTo(200);
			// the refused one would have come first
			assertThat(member.readLine()).isEqualTo("* [operator] " + max);
		}
	}

	private String idOf(LineClient client) {
		List<String> ids = JsonPath.read(this.server.getAsAdmin("/actuator/clients").body(),
				"$.clients[?(@.remoteAddress == '" + client.address() + "')].id");
		assertThat(ids).hasSize(1);
		return ids.getFirst();
	}

	private static String room() {
		return "r" + UUID.randomUUID().toString().substring(0, 8);
	}

}
