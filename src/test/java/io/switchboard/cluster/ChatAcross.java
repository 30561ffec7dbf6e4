package io.switchboard.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.switchboard.LineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client on node A and one on node B in one room, each read by a thread of its own, to
 * time how long chat from A to B takes to come back after a fault, and to account for the
 * lines sent meanwhile: each either reached Redis (and so the room's history) or was
 * counted as a failure and told to its sender.
 */
final class ChatAcross implements AutoCloseable {

	private static final Pattern PROBE = Pattern.compile("probe-(\\d+)");

	private final LineClient onA;

	private final LineClient onB;

	private final BlockingQueue<String> heardOnA;

	private final BlockingQueue<String> heardOnB;

	private ChatAcross(LineClient onA, LineClient onB) {
		this.onA = onA;
		this.onB = onB;
		this.heardOnA = reader(onA);
		this.heardOnB = reader(onB);
	}

	static ChatAcross in(String room, ClusterNode a, ClusterNode b) {
		return new ChatAcross(inRoom(a, room), inRoom(b, room));
	}

	/**
	 * A line from A reaches B.
	 */
	void works() throws InterruptedException {
		this.onA.send("before");
		assertThat(this.heardOnA.poll(10, TimeUnit.SECONDS)).endsWith(" before");
		assertThat(this.heardOnB.poll(10, TimeUnit.SECONDS)).endsWith(" before");
	}

	/**
	 * A numbered line from A reaches B once: the next line B gets after it is the next
	 * one A sends.
	 */
	void worksOnce() throws InterruptedException {
		this.onA.send("once-1");
		this.onA.send("once-2");
		assertThat(this.heardOnB.poll(10, TimeUnit.SECONDS)).endsWith(" once-1");
		assertThat(this.heardOnB.poll(10, TimeUnit.SECONDS)).endsWith(" once-2");
	}

	/**
	 * Cause a fault, then send a numbered line from A every 200 ms until one reaches B.
	 * @return how long that took, and how many lines were sent before the first that
	 * reached B
	 */
	Gap resumeAfter(Runnable fault, Duration atMost) {
		fault.run();
		long start = System.nanoTime();
		int[] sent = { 0 };
		await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
			this.onA.send("probe-" + sent[0]++);
			return this.heardOnB.stream().anyMatch((line) -> line.contains(" probe-"));
		});
		Duration gap = Duration.ofNanos(System.nanoTime() - start);
		int firstHeard = this.heardOnB.stream()
			.filter((line) -> line.contains(" probe-"))
			.mapToInt((line) -> Integer.parseInt(line.substring(line.lastIndexOf('-') + 1)))
			.min()
			.orElseThrow();
		return new Gap(gap, firstHeard, this.heardOnA.stream().filter((line) -> line.startsWith("ERR ")).count());
	}

	@Override
	public void close() {
		this.onA.close();
		this.onB.close();
	}

	private static BlockingQueue<String> reader(LineClient client) {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread.ofVirtual().start(() -> {
			try {
				for (String line = client.readLineOrNull(); line != null; line = client.readLineOrNull()) {
					lines.add(line);
				}
			}
			catch (RuntimeException | AssertionError ex) {
				// closed, or quiet for a while: the test reads what came
			}
		});
		return lines;
	}

	private static LineClient inRoom(ClusterNode node, String room) {
		LineClient client = LineClient.connected(node.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	/**
	 * @param missed lines A sent before the first that reached B
	 * @param told the ERR lines A's sender got meanwhile
	 */
	record Gap(Duration duration, int missed, long told) {

		/**
		 * How many of the missed lines a room's stream (as {@code redis-cli XRANGE}
		 * prints it) does not hold: those never reached Redis.
		 */
		long notStored(String stream) {
			Set<Integer> stored = PROBE.matcher(stream)
				.results()
				.map((match) -> Integer.parseInt(match.group(1)))
				.collect(Collectors.toSet());
			return IntStream.range(0, this.missed).filter((probe) -> !stored.contains(probe)).count();
		}

	}

}
