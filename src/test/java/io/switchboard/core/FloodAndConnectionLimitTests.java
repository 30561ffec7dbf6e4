package io.switchboard.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flood control with its defaults (20 messages/s, burst 50) and the per-IP limit.
 */
@SwitchboardTest({ "--test.client.rate=20", "--switchboard.max-clients-per-ip=3" })
class FloodAndConnectionLimitTests {

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	/**
	 * The server frees a closed client's slot after reading its FIN: with three per
	 * address, a test that starts before the last test's clients are gone is refused.
	 */
	@AfterEach
	void lastClientsGone() {
		await().until(() -> this.registry.count() == 0);
	}

	@Test
	void flooderIsThrottledThenDisconnectedWhileANormalClientIsServed() {
		int port = this.server.tcpPort();
		try (LineClient flooder = LineClient.connected(port); LineClient normal = LineClient.connected(port)) {
			flooder.command("/join flood");
			normal.command("/join flood");
			for (int i = 0; i < 400; i++) {
				flooder.send("spam " + i);
			}
			normal.send("normal message");
			List<String> flooderSaw = flooder.readToEnd();
			assertThat(flooderSaw).contains("ERR slow down").last().isEqualTo("ERR flooding, disconnected");
			long broadcast = flooderSaw.stream().filter((line) -> line.contains(" spam ")).count();
			assertThat(broadcast).as("about the burst of 50 got through (commands take tokens too)")
				.isBetween(40L, 100L);
			assertThat(normal.readUntil((line) -> line.endsWith(" normal message"))).isNotNull();
			assertThat(normal.command("/ping")).isEqualTo("* pong");
		}
		await().untilAsserted(() -> assertThat(this.server.get("/actuator/prometheus").body()).contains(
				"switchboard_connections_closed_total{application=\"switchboard\",protocol=\"tcp\",reason=\"flood\"} 1.0")
			.containsPattern(
					"switchboard_messages_dropped_total\\{application=\"switchboard\",reason=\"flood\"} [1-9]"));
	}

	@Test
	void clientsBeyondThePerIpLimitAreRefusedWhileOtherAddressesGetIn() throws Exception {
		int port = this.server.tcpPort();
		List<LineClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				clients.add(LineClient.connected(port));
			}
			try (LineClient fourth = new LineClient(port)) {
				assertThat(fourth.readToEnd()).containsExactly("ERR too many connections from your address (max 3)");
			}
			try (UdpProbe udp = new UdpProbe(this.server.udpPort())) {
				udp.send("hello");
				udp.send(udp.receive().substring(2));
				assertThat(udp.receive()).isEqualTo("ERR too many connections from your address (max 3)");
			}
			try (Socket other = new Socket()) {
				other.bind(new InetSocketAddress("127.0.0.2", 0));
				other.connect(new InetSocketAddress("127.0.0.1", port));
				BufferedReader in = new BufferedReader(
						new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
				assertThat(in.readLine()).as("another address")
					.startsWith("* welcome to switchboard, you are 127.0.0.2:");
			}
		}
		finally {
			clients.forEach(LineClient::close);
		}
	}

}
