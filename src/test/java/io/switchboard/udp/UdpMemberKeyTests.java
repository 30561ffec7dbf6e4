package io.switchboard.udp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

/**
 * A datagram forged from a member's address is dropped unless it starts with the member's
 * key. A second socket cannot bind the member's port, so these tests send from the
 * member's own socket without the key: that is exactly what a forged datagram looks like
 * to the server.
 */
@SwitchboardTest
class UdpMemberKeyTests {

	private static final String MISSING_KEY = "ERR start every datagram with your key (see the welcome line)";

	/** Long enough to be sure the server chose silence; only used to assert no reply. */
	private static final int SILENCE_MILLIS = 300;

	@Autowired
	ChatServer server;

	@Test
	void forgedDatagramsPostNothingRenameNobodyAndQuitNobody() {
		String room = room();
		try (UdpProbe member = new UdpProbe(this.server.udpPort());
				LineClient witness = LineClient.connected(this.server.tcpPort())) {
			member.join();
			witness.command("/join " + room);
			member.send("/join " + room);
			assertThat(member.receive()).isEqualTo("* you are now in room " + room);

			member.sendRaw("forged hello\n".getBytes(StandardCharsets.UTF_8))
				.sendRaw("/nick mallory\n".getBytes(StandardCharsets.UTF_8))
				.sendRaw("quit\n".getBytes(StandardCharsets.UTF_8))
				.sendRaw((wrongKey(member) + " forged with a wrong key\n").getBytes(StandardCharsets.UTF_8));
			assertThat(member.receive()).as("told once, without the key").isEqualTo(MISSING_KEY);

			member.send("the real one");
			assertThat(witness.readLine()).as("the first line the room sees").endsWith(" the real one");
			assertThat(member.receive()).endsWith(" the real one");
			assertThat(witness.command("/who")).doesNotContain("mallory");
			assertThat(member.receiveWithin(SILENCE_MILLIS)).as("no second warning within 10 s").isEmpty();
			assertThat(this.server.get("/actuator/prometheus").body())
				.containsPattern("switchboard_messages_dropped_total\\{.*reason=\"bad-key\"} [1-9]");
		}
	}

	@Test
	void forgedDatagramDoesNotKeepAMemberAlive() {
		try (UdpProbe member = new UdpProbe(this.server.udpPort())) {
			member.join();
			String id = member.id();
			Map<String, Object> before = JsonPath.read(this.server.getAsAdmin("/actuator/clients/" + id).body(), "$");
			long lastActive = Instant.parse((String) before.get("lastActiveAt")).toEpochMilli();
			// a refreshed lastActiveAt would now be later than the one read
			await().until(() -> System.currentTimeMillis() > lastActive + 5);

			member.sendRaw("/ping\n".getBytes(StandardCharsets.UTF_8));
			assertThat(member.receive()).isEqualTo(MISSING_KEY);

			Map<String, Object> after = JsonPath.read(this.server.getAsAdmin("/actuator/clients/" + id).body(), "$");
			assertThat(after).containsEntry("lastActiveAt", before.get("lastActiveAt"))
				.containsEntry("messagesIn", before.get("messagesIn"));
		}
	}

	@Test
	void sixteenWrongKeysReplaceTheKeyAndTheOldOneStopsWorking() {
		String room = room();
		try (UdpProbe member = new UdpProbe(this.server.udpPort());
				LineClient witness = LineClient.connected(this.server.tcpPort())) {
			member.join();
			witness.command("/join " + room);
			member.send("/join " + room);
			assertThat(member.receive()).isEqualTo("* you are now in room " + room);
			String oldKey = member.key();

			for (int guess = 0; guess < MemberKey.GUESSES_PER_KEY; guess++) {
				member.sendRaw((wrongKey(member) + " guess " + guess + "\n").getBytes(StandardCharsets.UTF_8));
			}
			String replaced = member.receiveUntil((line) -> line.startsWith("* your key is now "));
			assertThat(replaced)
				.matches("\\* your key is now [a-z2-7]{8} \\(datagrams with wrong keys came from your address\\)");
			assertThat(member.key()).isNotEqualTo(oldKey);

			member.sendRaw((oldKey + " with the old key\n").getBytes(StandardCharsets.UTF_8));
			member.send("with the new key");
			assertThat(witness.readLine()).as("the first line the room sees").endsWith(" with the new key");
		}
	}

	/**
	 * A well-formed key that is not the member's.
	 */
	private static String wrongKey(UdpProbe member) {
		return "aaaaaaaa".equals(member.key()) ? "bbbbbbbb" : "aaaaaaaa";
	}

	private static String room() {
		return "k" + UUID.randomUUID().toString().substring(0, 8);
	}

}
