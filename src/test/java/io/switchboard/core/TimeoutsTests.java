package io.switchboard.core;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SwitchboardTest({ "--switchboard.tcp.idle-timeout=1s", "--switchboard.client.write-timeout=1s",
		"--switchboard.client.outbox-bytes=256MB", "--switchboard.tcp.heartbeat=300ms" })
class TimeoutsTests {

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void silentTcpClientIsDisconnectedAfterTheIdleTimeout() {
		try (LineClient silent = LineClient.connected(this.server.tcpPort())) {
			// pinged while silent (switchboard.tcp.heartbeat), then disconnected when
			// idle
			assertThat(silent.readToEnd()).isNotEmpty().containsOnly("* ping");
		}
		await().until(() -> this.server.get("/actuator/prometheus")
			.body()
			.contains(
					"switchboard_connections_closed_total{application=\"switchboard\",protocol=\"tcp\",reason=\"idle\"} 1.0"));
	}

	@Test
	void clientWhoseWriteIsStuckLongerThanTheWriteTimeoutIsDisconnected() {
		int port = this.server.tcpPort();
		try (LineClient stuck = new LineClient(port, StandardCharsets.UTF_8, 4096);
				LineClient sender = LineClient.connected(port)) {
			stuck.readLine();
			stuck.command("/join stuck-writes");
			sender.command("/join stuck-writes");
			String id = this.registry.all()
				.stream()
				.filter((session) -> session.remoteAddress().equals(stuck.address()))
				.findFirst()
				.orElseThrow()
				.id();
			// Keep talking (the idle timeout is short) until the stuck client is gone;
			// the
			// outbox is far too large to overflow, so only the write watchdog can end it.
			String line = "w".repeat(1000);
			await().until(() -> {
				for (int i = 0; i < 1000; i++) {
					if (i % 100 == 0) {
						if (this.registry.find(id) == null) {
							return true; // cut: its socket is gone
						}
						// A heartbeat: stuck in writing, not idle (every 100 lines: on a
						// busy machine 1,000 took longer than the idle timeout)
						try {
							stuck.send("");
						}
						catch (UncheckedIOException ex) {
							return true; // cut between the look and the heartbeat
						}
					}
					sender.send(line);
					sender.readLine();
				}
				return this.registry.find(id) == null;
			});
			assertThat(this.server.get("/actuator/prometheus").body()).contains(
					"switchboard_connections_closed_total{application=\"switchboard\",protocol=\"tcp\",reason=\"slow-consumer\"} 1.0");
		}
	}

}
