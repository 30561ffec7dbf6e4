package io.switchboard.shutdown;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.LineClient;
import io.switchboard.PackagedJar;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the packaged jar as a user would ({@code java -jar}), chats through it, sends
 * SIGTERM mid-traffic, and checks the shutdown as clients and the operator see it.
 */
class GracefulShutdownIT {

	private Process process;

	@AfterEach
	void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void sigtermMidTrafficNotifiesDrainsClosesWithFinAndExitsCleanly() throws Exception {
		int chatPort = PackagedJar.freePort();
		int httpPort = PackagedJar.freePort();
		Path log = Files.createTempFile("switchboard-it", ".log");
		this.process = new ProcessBuilder(PackagedJar.java(), "-jar", PackagedJar.path(),
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.echo.host=127.0.0.1", "--switchboard.tcp.port=" + chatPort, "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.udp.port=" + chatPort,
				"--switchboard.echo.port=" + PackagedJar.freePort(), "--server.port=" + httpPort,
				"--server.address=127.0.0.1", "--switchboard.client.rate=0", "--switchboard.client.byte-rate=0")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		HttpClient http = HttpClient.newHttpClient();
		URI health = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health");
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 200);

		try (LineClient sender = LineClient.connected(chatPort);
				LineClient receiver = LineClient.connected(chatPort);
				UdpProbe udp = new UdpProbe(chatPort)) {
			udp.join();
			// In a quiet room: a UDP peer flooded with chat may lose the notice to its
			// own
			// full receive buffer, which is UDP, not the server.
			udp.send("/join quiet");
			assertThat(udp.receive()).isEqualTo("* you are now in room quiet");
			AtomicInteger sent = new AtomicInteger();
			CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
				try {
					while (true) {
						sender.send("m" + sent.getAndIncrement());
					}
				}
				catch (RuntimeException ex) {
					// the server closed the connection: traffic ends
				}
			});
			CompletableFuture<List<String>> senderSaw = CompletableFuture.supplyAsync(sender::readToEnd);
			for (int i = 0; i < 500; i++) {
				assertThat(receiver.readLine()).endsWith(" m" + i);
			}

			long signalled = System.nanoTime();
			this.process.destroy(); // SIGTERM

			List<String> seen = new ArrayList<>();
			seen.addAll(receiver.readToEnd()); // fails if the connection is reset instead
												// of closed
			assertThat(seen).last().isEqualTo("* server shutting down");
			List<String> chat = seen.subList(0, seen.size() - 1);
			for (int i = 0; i < chat.size(); i++) {
				assertThat(chat.get(i)).as("in order, nothing lost").endsWith(" m" + (500 + i));
			}
			List<String> echoed = senderSaw.get(30, TimeUnit.SECONDS);
			assertThat(echoed).contains("* server shutting down");
			assertThat(echoed.subList(echoed.indexOf("* server shutting down") + 1, echoed.size()))
				.as("nothing is broadcast after the notice")
				.isEmpty();
			assertThat(udp.receive()).isEqualTo("* server shutting down");

			assertThat(this.process.waitFor(20, TimeUnit.SECONDS)).as("exits by itself").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(15));
			assertThat(this.process.exitValue()).isIn(0, 143);
			traffic.get(10, TimeUnit.SECONDS);
		}
		String output = Files.readString(log);
		assertThat(output).contains("Shutting down: notifying 3 clients")
			.contains("Shutdown of 3 clients done")
			.doesNotContain("drain timed out")
			.doesNotContain(" ERROR ");
	}

}
