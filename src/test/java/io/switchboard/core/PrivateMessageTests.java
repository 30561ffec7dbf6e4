package io.switchboard.core;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /msg NICK text}: one client to another across every door, seen by nobody else.
 */
@SwitchboardTest
class PrivateMessageTests {

	private static final String TIME = "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] ";

	@Autowired
	ChatServer server;

	@Test
	void privateMessagesGoFromEveryDoorToEveryDoorAndOnlyToTheNamedClient() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String alice = "alice" + suffix;
		String bob = "bob" + suffix;
		String carol = "carol" + suffix;
		String dave = "dave" + suffix;
		try (LineClient tcp = LineClient.connected(this.server.tcpPort());
				LineClient witness = LineClient.connected(this.server.tcpPort());
				WebSocketProbe json = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json");
				WebSocketProbe text = WebSocketProbe.connected(this.server.httpPort(), "switchboard.text");
				UdpProbe udp = new UdpProbe(this.server.udpPort())) {
			udp.join();
			assertThat(tcp.command("/nick " + alice)).isEqualTo("* you are now " + alice);
			json.send("{\"line\":\"/nick " + bob + "\"}");
			assertThat(json.nextMatching((frame) -> frame.contains("you are now"))).contains(bob);
			udp.send("/nick " + carol);
			assertThat(udp.receiveUntil((line) -> line.startsWith("* you are now")))
				.isEqualTo("* you are now " + carol);
			text.send("/nick " + dave);
			assertThat(text.nextMatching((frame) -> frame.startsWith("* you are now")))
				.isEqualTo("* you are now " + dave);

			// TCP to json: the receiver gets a private object, the sender its own copy.
			tcp.send("/msg " + bob.toUpperCase() + " hello bob");
			assertThat(tcp.readLine()).matches(TIME + alice + " -> " + bob + ": hello bob");
			String received = json.nextMatching((frame) -> frame.contains("\"private\""));
			assertThat((String) JsonPath.read(received, "$.from")).isEqualTo(alice);
			assertThat((String) JsonPath.read(received, "$.to")).isEqualTo(bob);
			assertThat((String) JsonPath.read(received, "$.text")).isEqualTo("hello bob");
			assertThat((String) JsonPath.read(received, "$.id")).isNotBlank();
			assertThat((String) JsonPath.read(received, "$.time")).endsWith("Z");

			// json to UDP, UDP to WebSocket text (with the alias), text to TCP.
			json.send("{\"line\":\"/msg " + carol + " hi carol\"}");
			assertThat(udp.receiveUntil((line) -> line.contains(" -> ")))
				.matches(TIME + bob + " -> " + carol + ": hi carol");
			udp.send("/w " + dave + " hi dave");
			assertThat(text.nextMatching((frame) -> frame.contains(" -> ")))
				.matches(TIME + carol + " -> " + dave + ": hi dave");
			text.send("/msg " + alice + " back to you");
			assertThat(tcp.readLine()).matches(TIME + dave + " -> " + alice + ": back to you");

			// The witness in the same room saw none of it: its next line answers its
			// own ping.
			assertThat(witness.command("/ping")).isEqualTo("* pong");
		}
	}

	@Test
	void aSenderWithoutANickCanSendAndControlCharactersAreEscaped() {
		String bob = "bob" + UUID.randomUUID().toString().substring(0, 6);
		try (LineClient anonymous = LineClient.connected(this.server.tcpPort());
				LineClient receiver = LineClient.connected(this.server.tcpPort())) {
			receiver.command("/nick " + bob);
			anonymous.send("/msg " + bob + " ring\u0007 \u202Eevil");
			String expected = TIME + anonymous.address().replace(".", "\\.") + " -> " + bob
					+ ": ring\\^G <U\\+202E>evil";
			assertThat(receiver.readLine()).matches(expected);
			assertThat(anonymous.readLine()).matches(expected);
		}
	}

	@Test
	void badPrivateMessagesGetAClearErrorAndReachNobody() {
		String alice = "alice" + UUID.randomUUID().toString().substring(0, 6);
		try (LineClient sender = LineClient.connected(this.server.tcpPort());
				LineClient other = LineClient.connected(this.server.tcpPort())) {
			sender.command("/nick " + alice);
			assertThat(sender.command("/msg")).isEqualTo("ERR usage: /msg NICK TEXT");
			assertThat(sender.command("/msg somebody")).isEqualTo("ERR usage: /msg NICK TEXT");
			assertThat(sender.command("/msg somebody    ")).isEqualTo("ERR usage: /msg NICK TEXT");
			assertThat(sender.command("/msg " + alice + " me"))
				.isEqualTo("ERR you cannot send a private message to yourself");
			assertThat(sender.command("/msg nobody-" + alice + " hi")).isEqualTo("ERR no such nick nobody-" + alice);
			assertThat(sender.command("/msg no\u001Bbody hi")).isEqualTo("ERR no such nick no^[body");
			assertThat(other.command("/ping")).isEqualTo("* pong");
		}
	}

	@Test
	void privateMessagesAreCountedAndANickThatLeftIsNoLongerReachable() {
		String bob = "bob" + UUID.randomUUID().toString().substring(0, 6);
		double before = privateCount();
		try (LineClient sender = LineClient.connected(this.server.tcpPort())) {
			try (LineClient receiver = LineClient.connected(this.server.tcpPort())) {
				receiver.command("/nick " + bob);
				sender.send("/msg " + bob + " one");
				assertThat(receiver.readLine()).endsWith(" -> " + bob + ": one");
				assertThat(sender.readLine()).endsWith(" -> " + bob + ": one");
				assertThat(receiver.command("quit")).isEqualTo("* bye");
			}
			await().until(() -> sender.send("/msg " + bob + " two").readLine(),
					(reply) -> reply.startsWith("ERR no such nick"));
		}
		assertThat(privateCount()).isGreaterThanOrEqualTo(before + 1);
	}

	private double privateCount() {
		String body = this.server.get("/actuator/metrics/switchboard.messages.private").body();
		return ((Number) JsonPath.read(body, "$.measurements[0].value")).doubleValue();
	}

}
