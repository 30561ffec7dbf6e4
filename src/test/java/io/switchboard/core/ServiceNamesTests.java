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
 * Services (the publish API) are shown as {@code [name]}: no client nick may take that
 * form on any door, so a person cannot pass for a service, while services' lines render
 * as they always did.
 */
@SwitchboardTest
class ServiceNamesTests {

	private static final String[] SERVICE_FORMS = { "[deploy-bot]", "[x]", "[x", "[", "[]" };

	@Autowired
	ChatServer server;

	@Test
	void aTcpClientCannotTakeANickInTheBracketedFormOfServices() {
		try (LineClient client = LineClient.connected(this.server.tcpPort())) {
			for (String nick : SERVICE_FORMS) {
				assertThat(client.command("/nick " + nick)).isEqualTo("ERR nick " + nick
						+ " is reserved: names starting with [ are for services (the publish API shows its senders as [name])");
			}
			// Brackets elsewhere in a nick are still IRC's and anyone's.
			String nick = "x[" + UUID.randomUUID().toString().substring(0, 6) + "]";
			assertThat(client.command("/nick " + nick)).isEqualTo("* you are now " + nick);
		}
	}

	@Test
	void aWebSocketClientCannotTakeANickInTheBracketedFormOfServices() {
		try (WebSocketProbe json = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			for (String nick : SERVICE_FORMS) {
				json.send("{\"line\":\"/nick " + nick + "\"}");
				String error = json.nextMatching((frame) -> frame.contains("\"error\""));
				assertThat((String) JsonPath.read(error, "$.text")).isEqualTo("nick " + nick
						+ " is reserved: names starting with [ are for services (the publish API shows its senders as [name])");
			}
		}
	}

	@Test
	void aPublishedLineStillShowsItsServiceInBrackets() {
		String room = "s" + UUID.randomUUID().toString().substring(0, 8);
		try (LineClient tcp = LineClient.connected(this.server.tcpPort());
				WebSocketProbe json = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			assertThat(tcp.command("/join " + room)).isEqualTo("* you are now in room " + room);
			json.send("{\"line\":\"/join " + room + "\"}");
			json.nextMatching((frame) -> frame.contains("you are now in room " + room));
			assertThat(this.server
				.http("POST", "/api/rooms/" + room + "/messages", "{\"text\":\"deployed\",\"from\":\"deploy-bot\"}")
				.statusCode()).isEqualTo(200);
			assertThat(tcp.readUntil((line) -> line.contains("deployed"))).matches("\\[.+] \\[deploy-bot] deployed");
			String chat = json.nextMatching((frame) -> frame.contains("deployed"));
			assertThat((String) JsonPath.read(chat, "$.from")).isEqualTo("[deploy-bot]");
		}
	}

}
