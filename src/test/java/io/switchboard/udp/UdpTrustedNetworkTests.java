package io.switchboard.udp;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SwitchboardTest({ "--switchboard.udp.verify-peers=false", "--switchboard.udp.peer-timeout=1s" })
class UdpTrustedNetworkTests {

	@Autowired
	ChatServer server;

	@Test
	void firstDatagramJoinsAndIsBroadcastWhenVerificationIsOff() {
		try (UdpProbe peer = new UdpProbe(this.server.udpPort())) {
			peer.send("straight in");
			assertThat(peer.receive()).matches("\\* welcome to switchboard, you are udp-\\d+ in room .*");
			assertThat(peer.receive()).as("no key line without verification").endsWith(peer.id() + " straight in");
		}
	}

	@Test
	void silentMemberIsDroppedAfterThePeerTimeout() {
		try (UdpProbe peer = new UdpProbe(this.server.udpPort())) {
			peer.send("hello");
			peer.receive();
			await().until(() -> this.server.getAsAdmin("/actuator/clients").body().contains(peer.address()));
			await().until(() -> !this.server.getAsAdmin("/actuator/clients").body().contains(peer.address()));
			assertThat(this.server.get("/actuator/prometheus").body())
				.containsPattern("switchboard_connections_closed_total\\{.*protocol=\"udp\",reason=\"timeout\"} [1-9]");
		}
	}

}
