package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// The hard limit equal to the soft one: an outbox that overflows it is cut at once.
@SwitchboardTest({ "--switchboard.client.outbox-hard-bytes=1MB" })
class SlowConsumerTests {

	private static final int MESSAGES = 50_000;

	private static final String PADDING = "p".repeat(160);

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void clientThatNeverReadsIsDisconnectedWhileEveryoneElseGetsEverythingInOrder() throws Exception {
		String room = "slow-consumer-room";
		int port = this.server.tcpPort();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		AtomicBoolean flooding = new AtomicBoolean(true);
		AtomicLong largestOutbox = new AtomicLong();
		try (LineClient sender = LineClient.connected(port);
				LineClient reader = LineClient.connected(port);
				LineClient stuck = new LineClient(port, StandardCharsets.UTF_8, 4096)) {
			stuck.readLine();
			for (LineClient client : new LineClient[] { sender, reader, stuck }) {
				assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
			}
			double closedBefore = meter("switchboard_connections_closed_total{", "reason=\"slow-consumer\"");
			double droppedBefore = meter("switchboard_messages_dropped_total{", "reason=\"slow-consumer\"");
			Future<?> watch = pool.submit(() -> {
				while (flooding.get()) {
					this.registry.all().forEach((s) -> largestOutbox.accumulateAndGet(s.outboxBytes(), Math::max));
					Thread.onSpinWait();
				}
			});
			AtomicInteger senderRead = new AtomicInteger();
			AtomicInteger readerRead = new AtomicInteger();
			Future<?> send = pool.submit(() -> {
				for (int i = 0; i < MESSAGES; i++) {
					// The good clients read with a test client on shared cores: keep them
					// within a few hundred KB of the sender, so only the stuck one falls
					// a megabyte behind.
					int sent = i;
					if (sent % 500 == 0) {
						await().pollInterval(Duration.ofMillis(5))
							.until(() -> Math.min(senderRead.get(), readerRead.get()) >= sent - 1500);
					}
					sender.send(i + " " + PADDING);
				}
			});
			Future<List<String>> stuckSaw = pool.submit(() -> {
				// Start reading only once the server gave up on this client: its blocked
				// write then completes and the goodbye line follows.
				await().until(
						() -> meter("switchboard_messages_dropped_total{", "reason=\"slow-consumer\"") > droppedBefore);
				return stuck.readToEnd();
			});
			Future<Integer> senderSaw = pool.submit(() -> readInOrder(sender, senderRead));
			Future<Integer> readerSaw = pool.submit(() -> readInOrder(reader, readerRead));
			send.get();
			assertThat(readerSaw.get()).isEqualTo(MESSAGES);
			assertThat(senderSaw.get()).isEqualTo(MESSAGES);
			flooding.set(false);
			watch.get();

			assertThat(largestOutbox.get()).as("no outbox grows past its 1MB bound")
				.isLessThanOrEqualTo(1024 * 1024 + 256);
			assertThat(stuckSaw.get()).hasSizeLessThan(MESSAGES).last().isEqualTo("ERR too slow, disconnected");
			await()
				.until(() -> meter("switchboard_connections_closed_total{", "reason=\"slow-consumer\"") > closedBefore);
			assertThat(reader.command("/ping")).as("the others stay connected").isEqualTo("* pong");
		}
		finally {
			flooding.set(false);
			pool.shutdownNow();
		}
	}

	private static int readInOrder(LineClient client, AtomicInteger progress) {
		for (int i = 0; i < MESSAGES; i++) {
			String line = client.readLine();
			String text = line.substring(line.indexOf(' ', line.indexOf(']') + 2) + 1);
			assertThat(text).isEqualTo(i + " " + PADDING);
			progress.set(i + 1);
		}
		return MESSAGES;
	}

	private double meter(String name, String tag) {
		String metrics = this.server.get("/actuator/prometheus").body();
		return metrics.lines()
			.filter((line) -> line.startsWith(name) && line.contains(tag))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
