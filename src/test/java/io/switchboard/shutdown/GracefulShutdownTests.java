package io.switchboard.shutdown;

import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.UdpProbe;
import io.switchboard.core.ClientRegistry;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closes the application while a client that does not read holds its outbox full, so the
 * drain lasts the whole drain timeout and what happens meanwhile can be observed.
 */
class GracefulShutdownTests {

	private ConfigurableApplicationContext context;

	private ChatServer server;

	private ClientRegistry registry;

	@BeforeEach
	void start() {
		// Started by hand, not by the test framework: the test closes it.
		this.context = new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.port=0", "--switchboard.echo.host=127.0.0.1",
				"--switchboard.shutdown.drain-timeout=3s", "--switchboard.client.outbox-bytes=64MB",
				"--switchboard.client.rate=0", "--switchboard.client.byte-rate=0");
		this.server = new ChatServer(this.context.getBean("tcpChatServer", StreamListener.class),
				this.context.getBean("udpChatSocket", DatagramSocket.class),
				(WebServerApplicationContext) this.context);
		this.registry = this.context.getBean(ClientRegistry.class);
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void shutdownNotifiesRefusesNewcomersKeepsActuatorUpWhileDrainingThenClosesWithFin() throws Exception {
		int tcpPort = this.server.tcpPort();
		int udpPort = this.server.udpPort();
		try (LineClient stuck = new LineClient(tcpPort, StandardCharsets.UTF_8, 4096);
				LineClient reader = LineClient.connected(tcpPort);
				UdpProbe udp = new UdpProbe(udpPort);
				UdpProbe latecomer = new UdpProbe(udpPort)) {
			udp.join();
			latecomer.send("hello");
			String challenge = latecomer.receive();
			String line = "s".repeat(1000);
			for (int i = 0; i < 8_000; i++) {
				reader.send(line);
			}
			for (int i = 0; i < 8_000; i++) {
				reader.readLine();
			}
			await().until(() -> this.registry.all().stream().anyMatch((s) -> s.outboxBytes() > 0));

			CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);

			assertThat(reader.readLine()).isEqualTo("* server shutting down");
			assertThat(udp.receiveUntil((text) -> text.startsWith("* "))).isEqualTo("* server shutting down");
			assertThat(this.server.get("/actuator/health/readiness").statusCode()).as("actuator answers, not ready")
				.isEqualTo(503);
			try (LineClient newcomer = new LineClient(tcpPort)) {
				assertThat(newcomer.readToEnd()).containsExactly("ERR server shutting down");
			}
			latecomer.send(challenge.substring(2));
			assertThat(latecomer.receive()).isEqualTo("ERR server shutting down");
			reader.send("too late");

			List<String> rest = reader.readToEnd();
			assertThat(rest).as("nothing after the notice; closed with FIN").isEmpty();
			closing.get();
			assertThat(this.registry.count()).isZero();
		}
	}

}
