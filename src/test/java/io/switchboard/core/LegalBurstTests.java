package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hardening II, finding 2: senders that each put a legal burst of long lines on the wire
 * at once (within the message burst, flood control on messages only) used to cut every
 * member of the room as a slow consumer, because a 1 MB outbox was judged the instant it
 * filled. With a soft limit held for a time and a hard limit above the burst, every
 * reader that reads stays and gets every line in order; one that never reads is still
 * cut, by the soft limit held too long (the write timeout, which would cut it at the same
 * 10 s, is set out of the way here).
 */
@SwitchboardTest({ "--spring.application.name=legal-burst", "--test.client.rate=20",
		"--switchboard.max-clients-per-ip=0", "--switchboard.client.write-timeout=60s" })
class LegalBurstTests {

	private static final int SENDERS = 10;

	private static final int READERS = 4;

	private static final int LINES = 48; // with /join and /nick, the whole message burst
											// of 50

	private static final int LINE_BYTES = 8190;

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void aLegalBurstOfLongLinesLeavesEveryReaderConnectedAndAStoppedReaderIsStillCut() throws Exception {
		String room = "legal-burst";
		int port = this.server.tcpPort();
		List<LineClient> senders = new ArrayList<>();
		List<LineClient> readers = new ArrayList<>();
		ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
		try (LineClient stuck = new LineClient(port, StandardCharsets.UTF_8, 4096)) {
			stuck.readLine();
			assertThat(stuck.command("/join " + room)).isEqualTo("* you are now in room " + room);
			for (int i = 0; i < SENDERS + READERS; i++) {
				LineClient client = LineClient.connected(port);
				assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
				assertThat(client.command("/nick burst" + i)).isEqualTo("* you are now burst" + i);
				((i < SENDERS) ? senders : readers).add(client);
			}
			List<Future<String>> everyone = new ArrayList<>();
			for (LineClient client : senders) {
				everyone.add(pool.submit(() -> readAll(client)));
			}
			for (LineClient client : readers) {
				everyone.add(pool.submit(() -> readAll(client)));
			}
			for (int s = 0; s < SENDERS; s++) {
				StringBuilder burst = new StringBuilder();
				for (int n = 0; n < LINES; n++) {
					String head = n + " ";
					burst.append(head).append("x".repeat(LINE_BYTES - head.length())).append('\n');
				}
				senders.get(s).sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
			}
			for (Future<String> member : everyone) {
				assertThat(member.get()).isEqualTo("every line in order");
			}
			// Read only once the server gave up on it (the soft limit held too long, or
			// the write timeout): reading earlier would make it a reader that keeps up.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.registry.all()
					.stream()
					.noneMatch((session) -> session.remoteAddress().equals(stuck.address()) && !session.isClosing()));
			assertThat(stuck.readToEnd()).as("the reader that never read is cut")
				.last()
				.isEqualTo("ERR too slow, disconnected");
			for (LineClient client : readers) {
				assertThat(client.command("/ping")).as("readers stay connected").isEqualTo("* pong");
			}
		}
		finally {
			senders.forEach(LineClient::close);
			readers.forEach(LineClient::close);
			pool.shutdownNow();
		}
	}

	/**
	 * Read every sender's lines, checking each sender's order; any other line is a
	 * failure (an {@code ERR}, a cut).
	 */
	private static String readAll(LineClient client) {
		int[] next = new int[SENDERS];
		for (int i = 0; i < SENDERS * LINES; i++) {
			String line = client.readLine();
			int from = line.indexOf("] burst") + 7;
			if (from < 7) {
				return "unexpected line after " + i + ": " + line.substring(0, Math.min(80, line.length()));
			}
			int sender = Integer.parseInt(line.substring(from, line.indexOf(' ', from)));
			String text = line.substring(line.indexOf(' ', from) + 1);
			int n = Integer.parseInt(text.substring(0, text.indexOf(' ')));
			if (n != next[sender]++ || text.length() != LINE_BYTES) {
				return "line " + n + " of burst" + sender + " out of order or cut";
			}
		}
		return "every line in order";
	}

}
