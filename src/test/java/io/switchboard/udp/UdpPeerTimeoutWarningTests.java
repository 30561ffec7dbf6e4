package io.switchboard.udp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code nc -u} member has no connection whose end would tell it it was dropped: it is
 * warned at two thirds of {@code switchboard.udp.peer-timeout} (3 s here: after 2 s, with
 * 1 s left), over real loopback datagrams.
 */
@SwitchboardTest("--switchboard.udp.peer-timeout=3s")
class UdpPeerTimeoutWarningTests {

	private static final String WARNING = "\\* nothing heard from you for [23]s: send your key alone \\(see the welcome line\\)"
			+ " within 1s to stay in the room";

	@Autowired
	ChatServer server;

	@Test
	void aSilentMemberIsWarnedBeforeThePeerTimeoutAndItsKeyAloneKeepsItInTheRoom() {
		try (UdpProbe member = new UdpProbe(this.server.udpPort())) {
			member.join();
			long joined = System.nanoTime();
			assertThat(member.receive()).matches(WARNING);
			assertThat(Duration.ofNanos(System.nanoTime() - joined)).as("not before two thirds of the timeout")
				.isGreaterThanOrEqualTo(Duration.ofMillis(1900));
			member.heartbeat();
			// Still a member, and warned again, once, for the next silence.
			assertThat(member.receive()).matches(WARNING);
			member.send("still here");
			assertThat(member.receive()).endsWith(" " + member.id() + " still here");
		}
	}

	@Test
	void aMemberThatIgnoresTheWarningIsDroppedAndDatagramsWithoutItsKeyDoNotKeepItIn() {
		try (UdpProbe member = new UdpProbe(this.server.udpPort())) {
			member.join();
			assertThat(member.receive()).matches(WARNING);
			// what a forger of its address can send: no sign of life
			member.sendRaw("I am still here\n".getBytes(StandardCharsets.UTF_8));
			await().until(() -> !this.server.getAsAdmin("/actuator/clients")
				.body()
				.contains("\"id\":\"" + member.id() + "\""));
			member.send("anyone there?");
			// a stranger again: challenged to join (after the ERR its unkeyed line got)
			assertThat(member.receiveUntil((line) -> line.startsWith("* /join "))).matches("\\* /join [0-9a-f]{8}");
		}
	}

}
