package io.switchboard.core;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SwitchboardTest("--switchboard.max-clients=2")
class MaxClientsTests {

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void clientsBeyondTheLimitAreToldTheServerIsFullAndClosedTcpAndUdpAlike() {
		int port = this.server.tcpPort();
		try (LineClient first = LineClient.connected(port); UdpProbe second = new UdpProbe(this.server.udpPort())) {
			second.join();
			try (LineClient third = new LineClient(port)) {
				assertThat(third.readToEnd()).containsExactly("ERR server full");
			}
			try (UdpProbe fourth = new UdpProbe(this.server.udpPort())) {
				fourth.send("hello");
				String challenge = fourth.receive();
				fourth.send(challenge.substring(2));
				assertThat(fourth.receive()).isEqualTo("ERR server full");
			}
			assertThat(this.registry.count()).isEqualTo(2);
			first.send("quit");
			assertThat(first.readToEnd()).containsExactly("* bye");
			await().until(() -> this.registry.count() == 1);
			try (LineClient later = new LineClient(port)) {
				assertThat(later.readLine()).startsWith("* welcome");
			}
		}
		assertThat(this.server.get("/actuator/prometheus").body())
			.containsPattern("switchboard_connections_closed_total\\{.*protocol=\"tcp\",reason=\"full\"} 1")
			.containsPattern("switchboard_connections_closed_total\\{.*protocol=\"udp\",reason=\"full\"} 1");
	}

}
