package io.switchboard;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@SwitchboardTest({ "--switchboard.announce-presence=true", "--switchboard.echo-to-sender=false",
		"--switchboard.format={room}|{from}|{text}" })
class PresenceAndMetricsTests {

	@Autowired
	ChatServer server;

	@Test
	void membersSeeJoinsAndLeavesWhenPresenceIsOnAndSendersDoNotSeeTheirOwnLines() {
		try (LineClient alice = LineClient.connected(this.server.tcpPort())) {
			alice.command("/join presence");
			try (LineClient bob = LineClient.connected(this.server.tcpPort())) {
				bob.command("/join presence");
				assertThat(alice.readLine()).isEqualTo("* " + bob.address() + " joined");
				bob.send("hi");
				assertThat(alice.readLine()).isEqualTo("presence|" + bob.address() + "|hi");
				assertThat(bob.command("/ping")).as("bob's own line was not echoed").isEqualTo("* pong");
				bob.send("quit");
				assertThat(alice.readLine()).isEqualTo("* " + bob.address() + " left");
			}
		}
	}

	@Test
	void metricsMoveWithTraffic() {
		String before = this.server.get("/actuator/prometheus").body();
		try (LineClient alice = LineClient.connected(this.server.tcpPort());
				UdpProbe udp = new UdpProbe(this.server.udpPort())) {
			udp.join();
			alice.send("counted");
			assertThat(alice.readLine()).as("presence").isEqualTo("* " + udp.id() + " joined");
			assertThat(alice.command("/ping")).isEqualTo("* pong");
			// alice is announced at its first line, before the line itself
			assertThat(udp.receive()).as("presence").endsWith(" joined");
			assertThat(udp.receive()).endsWith("|counted");
			String after = this.server.get("/actuator/prometheus").body();
			for (String meter : new String[] {
					"switchboard_connections_opened_total{application=\"switchboard\",protocol=\"tcp\"}",
					"switchboard_connections_opened_total{application=\"switchboard\",protocol=\"udp\"}",
					"switchboard_messages_received_total{application=\"switchboard\",protocol=\"tcp\"}",
					"switchboard_messages_delivered_total{application=\"switchboard\",protocol=\"tcp\"}",
					"switchboard_bytes_received_bytes_total{application=\"switchboard\",protocol=\"tcp\"}",
					"switchboard_bytes_sent_bytes_total{application=\"switchboard\",protocol=\"tcp\"}",
					"switchboard_delivery_latency_seconds_count{application=\"switchboard\"}" }) {
				assertThat(value(after, meter)).as(meter).isGreaterThan(value(before, meter));
			}
			assertThat(value(after, "switchboard_clients{application=\"switchboard\",protocol=\"tcp\"}"))
				.isGreaterThanOrEqualTo(1);
			assertThat(value(after, "switchboard_clients{application=\"switchboard\",protocol=\"udp\"}"))
				.isGreaterThanOrEqualTo(1);
			assertThat(value(after, "switchboard_rooms{application=\"switchboard\"}")).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void oneWriteInEightOfEachClientsIsTimed() {
		String count = "switchboard_delivery_latency_seconds_count{application=\"switchboard\"}";
		try (LineClient sender = LineClient.connected(this.server.tcpPort());
				LineClient receiver = LineClient.connected(this.server.tcpPort())) {
			sender.command("/join timing");
			receiver.command("/join timing");
			double before = value(this.server.get("/actuator/prometheus").body(), count);
			for (int i = 0; i < 16; i++) {
				String line = "timed " + i;
				sender.send(line);
				// Read before the next is sent: a write each (replies are never timed).
				assertThat(receiver.readUntil((received) -> received.endsWith(line))).isNotNull();
			}
			double after = value(this.server.get("/actuator/prometheus").body(), count);
			assertThat(after - before).as("the receiver's 1st and 9th writes").isEqualTo(2);
		}
	}

	private static double value(String scrape, String meter) {
		return scrape.lines()
			.filter((line) -> line.startsWith(meter + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(meter.length() + 1)))
			.findFirst()
			.orElse(0);
	}

}
