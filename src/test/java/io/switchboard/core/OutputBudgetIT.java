package io.switchboard.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.LineClient;
import io.switchboard.PackagedJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hardening III, break 1 as it was found: the packaged jar on the Helm chart's heap (614
 * MiB, fixed), 60 connections from one address each asking twelve times for the 200
 * longest lines of history and never reading: 1.1 GB asked for. Before the output budget
 * this ended in {@code OutOfMemoryError} every time; now the address is held to its
 * budget, the server stays up and a witness on another address chats throughout.
 */
class OutputBudgetIT {

	private Process process;

	private final List<Socket> attackers = new ArrayList<>();

	@AfterEach
	void stop() throws IOException {
		for (Socket attacker : this.attackers) {
			attacker.close();
		}
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void oneAddressAskingForHistoryItNeverReadsCannotRunTheChartsHeapOut() throws Exception {
		int chatPort = PackagedJar.freePort();
		int httpPort = PackagedJar.freePort();
		Path log = Files.createTempFile("switchboard-budget-it", ".log");
		// Flood control off: the filler writes the history at once, and the attackers
		// are only stronger for it.
		this.process = new ProcessBuilder(PackagedJar.java(), "-Xms614m", "-Xmx614m", "-XX:+UseG1GC", "-jar",
				PackagedJar.path(), "--switchboard.tcp.host=127.0.0.1", "--switchboard.tcp.port=" + chatPort,
				"--switchboard.udp.host=127.0.0.1", "--switchboard.udp.port=" + chatPort,
				"--switchboard.echo.host=127.0.0.1", "--switchboard.echo.port=" + PackagedJar.freePort(),
				"--switchboard.irc.host=127.0.0.1", "--switchboard.irc.port=0", "--server.port=" + httpPort,
				"--server.address=127.0.0.1", "--switchboard.client.rate=0", "--switchboard.client.byte-rate=0")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

		String text = "h".repeat(8000);
		try (LineClient filler = LineClient.from("127.0.0.3", chatPort)) {
			filler.readLine();
			filler.command("/join hoard");
			for (int i = 0; i < 200; i++) {
				filler.send(i + text);
			}
			filler.readUntil((line) -> line.endsWith(199 + text));
		}
		try (LineClient witnessSender = LineClient.from("127.0.0.2", chatPort);
				LineClient witnessReader = LineClient.from("127.0.0.2", chatPort)) {
			witnessSender.readLine();
			witnessReader.readLine();
			witnessSender.command("/join watch");
			witnessReader.command("/join watch");
			for (int i = 0; i < 60; i++) {
				Socket attacker = new Socket();
				this.attackers.add(attacker);
				attacker.setReceiveBufferSize(4096);
				attacker.bind(new InetSocketAddress("127.0.0.1", 0));
				attacker.connect(new InetSocketAddress("127.0.0.1", chatPort), 10_000);
				attacker.getOutputStream().write("/join hoard\n".getBytes(StandardCharsets.UTF_8));
			}
			// Each asks twelve times at once, all in a few milliseconds.
			byte[] twelve = "/history 200\n".repeat(12).getBytes(StandardCharsets.UTF_8);
			for (Socket attacker : this.attackers) {
				attacker.getOutputStream().write(twelve);
			}
			long mostHeld = 0;
			for (int round = 0; round < 12; round++) {
				String line = "witness " + round;
				witnessSender.send(line);
				assertThat(witnessReader.readUntil((l) -> l.endsWith(line))).endsWith(line);
				assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
				mostHeld = Math.max(mostHeld, held(http, httpPort));
			}
			// The address's budget on this heap is a sixteenth of it (38 MiB); without it
			// the outboxes held hundreds of MB here.
			assertThat(mostHeld).as("most bytes held in outboxes, sampled").isLessThan(80L * 1024 * 1024);
			// Everything asked for has been answered or refused by now: the server is
			// still whole.
			String after = "after the attack";
			witnessSender.send(after);
			assertThat(witnessReader.readUntil((l) -> l.endsWith(after))).endsWith(after);
		}
		try (LineClient newcomer = LineClient.connected(chatPort)) {
			assertThat(newcomer.command("/ping")).startsWith("* pong");
		}
		assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(this.process.isAlive()).isTrue();
		assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
	}

	private static long held(HttpClient http, int httpPort) throws Exception {
		String body = http
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/metrics/switchboard.outbox.bytes"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher value = Pattern.compile("\"value\":([0-9.E]+)").matcher(body);
		assertThat(value.find()).as(body).isTrue();
		return (long) Double.parseDouble(value.group(1));
	}

}
