package io.switchboard.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebSocket client that stops reading is cut as a slow consumer, like a TCP one, and
 * nobody else waits for it.
 */
@SwitchboardTest({ "--switchboard.client.outbox-hard-bytes=1MB", "--switchboard.client.write-timeout=2s" })
class WebsocketSlowConsumerTests {

	private static final int MESSAGES = 20_000;

	private static final String PADDING = "p".repeat(300);

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void websocketClientThatNeverReadsIsCutWhileAnotherGetsEverythingInOrder() throws Exception {
		String room = "ws-slow-room";
		ExecutorService pool = Executors.newFixedThreadPool(4);
		// The sender reads too (its frames queue up in the probe), or it would be the
		// slow consumer.
		try (WebSocketProbe sender = WebSocketProbe.connected(this.server.httpPort(), null);
				LineClient tcpReader = LineClient.connected(this.server.tcpPort());
				WebSocketProbe reader = WebSocketProbe.connected(this.server.httpPort(), null);
				WebSocketProbe stuck = WebSocketProbe.paused(this.server.httpPort())) {
			sender.send("/join " + room);
			assertThat(tcpReader.command("/join " + room)).isEqualTo("* you are now in room " + room);
			reader.send("/join " + room);
			reader.nextMatching((frame) -> frame.startsWith("* you"));
			// It cannot read the replies, but it can still send.
			stuck.send("/nick ws-stuck").send("/join " + room);
			ClientSession stuckSession = await().until(() -> this.registry.all()
				.stream()
				.filter((session) -> "ws-stuck".equals(session.nick()) && session.room().equals(room))
				.findFirst()
				.orElse(null), Objects::nonNull);
			double cutBefore = slowConsumersCut();

			AtomicInteger read = new AtomicInteger();
			AtomicInteger tcpRead = new AtomicInteger();
			Future<?> send = pool.submit(() -> {
				for (int i = 0; i < MESSAGES; i++) {
					int sent = i;
					if (sent % 500 == 0) {
						// Keep the reader (a test client on shared cores) within reach,
						// so only the stuck client falls a megabyte behind.
						await().pollInterval(Duration.ofMillis(5))
							.until(() -> Math.min(read.get(), tcpRead.get()) >= sent - 1500);
					}
					sender.send(i + " " + PADDING);
				}
			});
			Future<?> readAll = pool.submit(() -> {
				for (int i = 0; i < MESSAGES; i++) {
					String frame = reader.nextMatching((text) -> text.endsWith(PADDING));
					assertThat(frame).endsWith(" " + read.get() + " " + PADDING);
					read.incrementAndGet();
				}
			});
			Future<?> tcpReadAll = pool.submit(() -> {
				for (int i = 0; i < MESSAGES; i++) {
					String line = tcpReader.readUntil((text) -> text.endsWith(PADDING));
					assertThat(line).endsWith(" " + tcpRead.get() + " " + PADDING);
					tcpRead.incrementAndGet();
				}
			});
			send.get();
			readAll.get();
			tcpReadAll.get();

			await().atMost(Duration.ofSeconds(20)).until(() -> slowConsumersCut() > cutBefore);
			await().until(() -> this.registry.find(stuckSession.id()) == null);
			reader.send("/ping");
			assertThat(reader.next()).as("the reader stays connected").isEqualTo("* pong");
		}
		finally {
			pool.shutdownNow();
		}
	}

	private double slowConsumersCut() {
		return this.server.get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith("switchboard_connections_closed_total{")
					&& line.contains("reason=\"slow-consumer\"") && line.contains("websocket"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
