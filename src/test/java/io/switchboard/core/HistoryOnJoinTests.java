package io.switchboard.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code switchboard.history.on-join}: the last lines replayed on joining, joined to the
 * live stream without a gap or a duplicate, even while others flood the room. Senders do
 * not get their own lines here, so the flooding ones need not read.
 */
@SwitchboardTest({ "--switchboard.history.on-join=50", "--switchboard.echo-to-sender=false" })
class HistoryOnJoinTests {

	private static final Pattern NUMBERED = Pattern.compile(".* (s\\d)-(\\d+)$");

	private static final int SENDERS = 4;

	private static final int LINES = 2000;

	@Autowired
	ChatServer server;

	@Test
	void aJoinerGetsTheReplyThenTheLastLinesThenLiveOnes() {
		String room = room();
		try (LineClient sender = inRoom(room); LineClient witness = inRoom(room)) {
			List<String> said = new ArrayList<>();
			for (String text : List.of("one", "two", "three")) {
				sender.send(text);
				said.add(witness.readLine());
			}
			try (LineClient joiner = LineClient.connected(this.server.tcpPort())) {
				joiner.send("/join " + room);
				assertThat(List.of(joiner.readLine(), joiner.readLine(), joiner.readLine(), joiner.readLine()))
					.containsExactly("* you are now in room " + room, said.get(0), said.get(1), said.get(2));
				sender.send("four");
				assertThat(joiner.readLine()).isEqualTo(witness.readUntil((line) -> line.endsWith(" four")));
			}
		}
	}

	@Test
	void aClientJoiningWhileOthersFloodTheRoomSeesEveryLineExactlyOnceInOrder() throws Exception {
		String room = room();
		List<LineClient> senders = new ArrayList<>();
		for (int s = 0; s < SENDERS; s++) {
			senders.add(inRoom(room));
		}
		// A member from before the first line: it sees every sender's last line.
		LineClient closer = inRoom(room);
		CountDownLatch started = new CountDownLatch(SENDERS);
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < SENDERS; s++) {
			LineClient sender = senders.get(s);
			String name = "s" + s;
			threads.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < LINES; i++) {
					sender.send(name + "-" + i);
					if (i == LINES / 10) {
						started.countDown();
					}
				}
			}));
		}
		try (LineClient joiner = LineClient.connected(this.server.tcpPort())) {
			// The join lands in the middle of the flood.
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
			joiner.send("/join " + room);
			assertThat(joiner.readUntil((line) -> line.startsWith("* "))).isEqualTo("* you are now in room " + room);
			// Once the closer (a member all along) has every sender's last line, the
			// server has handled them all: its next line ends what the joiner must see.
			Set<String> last = new HashSet<>();
			while (last.size() < SENDERS) {
				String line = closer.readLine();
				if (line.endsWith("-" + (LINES - 1))) {
					last.add(line);
				}
			}
			closer.send("the end");
			Map<String, List<Integer>> seen = new HashMap<>();
			String text;
			while (!(text = joiner.readLine()).endsWith(" the end")) {
				Matcher line = NUMBERED.matcher(text);
				assertThat(line.matches()).as(text).isTrue();
				seen.computeIfAbsent(line.group(1), (key) -> new ArrayList<>()).add(Integer.parseInt(line.group(2)));
			}
			int total = 0;
			for (List<Integer> numbers : seen.values()) {
				// each sender's lines: one run of consecutive numbers, up to its last
				for (int i = 1; i < numbers.size(); i++) {
					assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
				}
				assertThat(numbers.getLast()).isEqualTo(LINES - 1);
				total += numbers.size();
			}
			assertThat(total).as("the replay, then every later line").isGreaterThanOrEqualTo(50);
		}
		finally {
			for (Thread thread : threads) {
				thread.join();
			}
			senders.forEach(LineClient::close);
			closer.close();
		}
	}

	private LineClient inRoom(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static String room() {
		return "j" + UUID.randomUUID().toString().substring(0, 8);
	}

}
