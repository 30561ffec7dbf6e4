package io.switchboard.faults;

import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.core.ClientRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault scenarios mixed for a while, round after round: good clients chatting, fuzz,
 * churn, a flooder, stuck readers. Not in the default run (tag {@code soak}); run it with
 * <pre>./mvnw test -Dtest=SoakTests -Dexcluded.groups= -Dsoak.duration=PT10M</pre> It
 * prints a summary table and fails if a good client lost or reordered a message or
 * anything leaked.
 */
@Tag("soak")
@SwitchboardTest({ "--spring.application.name=soak", "--test.client.rate=20", "--switchboard.client.outbox-bytes=64KB",
		"--switchboard.client.outbox-hard-bytes=64KB", "--switchboard.tcp.socket-send-buffer=16KB",
		"--switchboard.max-clients-per-ip=0", "--switchboard.max-clients-per-ipv4-prefix=0" })
class SoakTests {

	private static final int GOOD = 20;

	private static final int MESSAGES_PER_ROUND = 10;

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void everythingAtOnceForAWhile() throws Exception {
		Duration duration = Duration.parse(System.getProperty("soak.duration", "PT1M"));
		int port = this.server.tcpPort();
		long fdsBefore = ChurnTests.openFileDescriptors();
		long rssBefore = ManySlowReadersTests.rssKiB();
		Random random = new Random(42);
		AtomicInteger fuzzPayloads = new AtomicInteger();
		int rounds = 0;
		long goodMessages = 0;
		int churnCycles = 0;
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
		List<LineClient> stuck = new ArrayList<>();
		try {
			while (System.nanoTime() < deadline) {
				rounds++;
				List<Future<?>> faults = new ArrayList<>();
				for (int f = 0; f < 20; f++) {
					long seed = random.nextLong();
					faults.add(pool.submit(() -> FuzzTests.fuzzConnection(port, new Random(seed), fuzzPayloads)));
				}
				for (int c = 0; c < 200; c++) {
					boolean reset = c % 3 == 0;
					faults.add(pool.submit(() -> ChurnTests.cycle(port, reset, true)));
				}
				churnCycles += 200;
				faults.add(pool.submit(() -> flood(port)));
				// Stuck readers stay in the chat room across rounds until they are cut
				// off.
				LineClient reader = new LineClient(port, StandardCharsets.UTF_8, 4096);
				reader.send("/join soak-room");
				stuck.add(reader);
				goodMessages += chatRound(port);
				for (Future<?> fault : faults) {
					fault.get(120, TimeUnit.SECONDS);
				}
			}
		}
		finally {
			pool.shutdownNow();
			stuck.forEach(LineClient::close);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> this.registry.count() == 0);
		long fdsAfter = ChurnTests.openFileDescriptors();
		long rssAfter = ManySlowReadersTests.rssKiB();
		String metrics = this.server.get("/actuator/prometheus").body();
		System.out.printf("%nSoak summary (%s)%n", duration);
		System.out.printf("| %-34s | %14s |%n", "measure", "value");
		System.out.printf("| %-34s | %14d |%n", "rounds", rounds);
		System.out.printf("| %-34s | %14d |%n", "good messages delivered, in order", goodMessages);
		System.out.printf("| %-34s | %14d |%n", "fuzz payloads", fuzzPayloads.get());
		System.out.printf("| %-34s | %14d |%n", "churn cycles", churnCycles);
		for (String reason : new String[] { "flood", "slow-consumer", "too-long", "eof", "error", "quit" }) {
			System.out.printf("| %-34s | %14s |%n", "closed as " + reason, closed(metrics, reason));
		}
		System.out.printf("| %-34s | %14d |%n", "clients left", this.registry.count());
		System.out.printf("| %-34s | %7d -> %4d |%n", "open file descriptors", fdsBefore, fdsAfter);
		System.out.printf("| %-34s | %14d |%n", "platform threads",
				ManagementFactory.getThreadMXBean().getThreadCount());
		System.out.printf("| %-34s | %5d -> %5d |%n", "RSS MiB", rssBefore / 1024, rssAfter / 1024);
		assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + 10);
	}

	private static String closed(String metrics, String reason) {
		return metrics.lines()
			.filter((line) -> line.startsWith("switchboard_connections_closed_total{")
					&& line.contains("protocol=\"tcp\"") && line.contains("reason=\"" + reason + "\""))
			.map((line) -> line.substring(line.lastIndexOf(' ') + 1))
			.findFirst()
			.orElse("0");
	}

	/**
	 * Good clients each send a few messages (within the flood limit) and must all see all
	 * of them, in each sender's order.
	 */
	private long chatRound(int port) throws Exception {
		List<LineClient> good = new ArrayList<>();
		try {
			for (int g = 0; g < GOOD; g++) {
				LineClient client = LineClient.connected(port);
				client.command("/join soak-room");
				good.add(client);
			}
			for (int m = 0; m < MESSAGES_PER_ROUND; m++) {
				for (int g = 0; g < GOOD; g++) {
					good.get(g).send("good " + g + " " + m + " " + "p".repeat(100));
				}
			}
			for (LineClient client : good) {
				int[] next = new int[GOOD];
				for (int i = 0; i < GOOD * MESSAGES_PER_ROUND; i++) {
					String line = client.readUntil((text) -> text.contains(" good "));
					String[] parts = line.substring(line.indexOf(" good ") + 6).split(" ");
					int sender = Integer.parseInt(parts[0]);
					assertThat(Integer.parseInt(parts[1])).isEqualTo(next[sender]++);
				}
			}
			return (long) GOOD * GOOD * MESSAGES_PER_ROUND;
		}
		finally {
			good.forEach(LineClient::close);
		}
	}

	private static void flood(int port) {
		try (LineClient flooder = LineClient.connected(port)) {
			for (int i = 0; i < 300; i++) {
				flooder.send("flood " + i);
			}
			assertThat(flooder.readToEnd()).last().isEqualTo("ERR flooding, disconnected");
		}
		catch (UncheckedIOException ex) {
			// reset while sending: also an end
		}
	}

}
