package io.switchboard.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 100 clients that never read while 1,000 normal ones chat: every normal client gets
 * every message, the 100 are disconnected as slow consumers, and memory stays bounded.
 */
@SwitchboardTest({ "--spring.application.name=slow-readers", "--switchboard.client.outbox-bytes=64KB",
		"--switchboard.client.outbox-hard-bytes=64KB", "--switchboard.tcp.socket-send-buffer=16KB",
		"--switchboard.max-clients-per-ip=0", "--switchboard.max-clients-per-ipv4-prefix=0" })
class ManySlowReadersTests {

	private static final int NORMAL = 1_000;

	private static final int SLOW = 100;

	private static final int SENDERS = 10;

	private static final int MESSAGES_PER_SENDER = 60;

	private static final String PADDING = "p".repeat(280);

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void slowReadersAreCutOffWhileEveryNormalClientGetsEveryMessage() throws Exception {
		int port = this.server.tcpPort();
		List<LineClient> normal = new ArrayList<>();
		List<LineClient> slow = new ArrayList<>();
		ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong largestOutbox = new AtomicLong();
		AtomicLong delivered = new AtomicLong();
		long rssBefore = rssKiB();
		try {
			for (int i = 0; i < SLOW; i++) {
				LineClient client = new LineClient(port, StandardCharsets.UTF_8, 4096);
				slow.add(client);
			}
			for (int i = 0; i < NORMAL; i++) {
				normal.add(LineClient.connected(port));
			}
			await().until(() -> this.registry.count() == NORMAL + SLOW);
			int expected = SENDERS * MESSAGES_PER_SENDER;
			List<Future<Integer>> received = new ArrayList<>();
			for (LineClient client : normal) {
				received.add(readers.submit(() -> {
					long[] next = new long[SENDERS];
					int count = 0;
					while (count < expected) {
						String line = client.readLine();
						int at = line.indexOf(" m ");
						if (at < 0) {
							continue;
						}
						String[] parts = line.substring(at + 3).split(" ");
						int sender = Integer.parseInt(parts[0]);
						assertThat(Long.parseLong(parts[1])).as("in order from sender " + sender)
							.isEqualTo(next[sender]++);
						count++;
						delivered.incrementAndGet();
					}
					return count;
				}));
			}
			Future<?> watch = readers.submit(() -> {
				while (running.get()) {
					for (ClientSession session : this.registry.all()) {
						largestOutbox.accumulateAndGet(session.outboxBytes(), Math::max);
					}
					Thread.sleep(5); // sampling interval of the probe, not
										// synchronisation
				}
				return null;
			});
			for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
				for (int s = 0; s < SENDERS; s++) {
					normal.get(s).send("m " + s + " " + m + " " + PADDING);
				}
				// Paced by what the normal clients have read, so they never lag more than
				// a
				// round behind (two cores serve all 1,100 sockets here), while the slow
				// ones
				// fall further behind every round.
				long round = (m + 1L) * SENDERS * NORMAL;
				await().atMost(Duration.ofSeconds(60)).until(() -> delivered.get() >= round);
			}
			for (Future<Integer> count : received) {
				assertThat(count.get(120, TimeUnit.SECONDS)).isEqualTo(expected);
			}
			running.set(false);
			watch.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> this.registry.count() == NORMAL);
			assertThat(largestOutbox.get()).as("outboxes stay within 64KB").isLessThanOrEqualTo(64 * 1024 + 512);
			assertThat(rssKiB() - rssBefore).as("resident memory growth, KiB").isLessThan(512 * 1024);
			assertThat(this.server.get("/actuator/prometheus").body()).contains(
					"switchboard_connections_closed_total{application=\"switchboard\",protocol=\"tcp\",reason=\"slow-consumer\"} 100.0");
		}
		finally {
			running.set(false);
			readers.shutdownNow();
			normal.forEach(LineClient::close);
			slow.forEach(LineClient::close);
		}
	}

	static long rssKiB() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter((line) -> line.startsWith("VmRSS:"))
			.mapToLong((line) -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.orElseThrow();
	}

}
