package io.switchboard.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * live stream without a gap or a duplicate, even while others flood the room.
 */
@SwitchboardTest("--switchboard.history.on-join=50")
class HistoryOnJoinTests {

	private static final Pattern NUMBERED = Pattern.compile(".* (s\\d)-(\\d+)$");

	private static final int SENDERS = 4;

	private static final int LINES = 500;

	@Autowired
	ChatServer server;

	@Test
	void aJoinerGetsTheReplyThenTheLastLinesThenLiveOnes() {
		String room = room();
		try (LineClient sender = inRoom(room)) {
			List<String> said = new ArrayList<>();
			for (String text : List.of("one", "two", "three")) {
				said.add(sender.send(text).readLine());
			}
			try (LineClient joiner = LineClient.connected(this.server.tcpPort())) {
				joiner.send("/join " + room);
				assertThat(List.of(joiner.readLine(), joiner.readLine(), joiner.readLine(), joiner.readLine()))
					.containsExactly("* you are now in room " + room, said.get(0), said.get(1), said.get(2));
				sender.send("four");
				assertThat(joiner.readLine()).isEqualTo(sender.readLine());
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
		CountDownLatch halfway = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < SENDERS; s++) {
			LineClient sender = senders.get(s);
			String name = "s" + s;
			threads.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < LINES; i++) {
					sender.send(name + "-" + i);
					if (i == LINES / 2) {
						halfway.countDown();
					}
				}
			}));
		}
		try (LineClient joiner = LineClient.connected(this.server.tcpPort())) {
			assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
			joiner.send("/join " + room);
			assertThat(joiner.readUntil((line) -> line.startsWith("* "))).isEqualTo("* you are now in room " + room);
			Map<String, List<Integer>> seen = new HashMap<>();
			int finished = 0;
			while (finished < SENDERS) {
				Matcher line = NUMBERED.matcher(joiner.readLine());
				assertThat(line.matches()).isTrue();
				int number = Integer.parseInt(line.group(2));
				seen.computeIfAbsent(line.group(1), (key) -> new ArrayList<>()).add(number);
				if (number == LINES - 1) {
					finished++;
				}
			}
			int total = 0;
			for (List<Integer> numbers : seen.values()) {
				// each sender's lines: a run of consecutive numbers up to its last
				for (int i = 1; i < numbers.size(); i++) {
					assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
				}
				assertThat(numbers.getLast()).isEqualTo(LINES - 1);
				total += numbers.size();
			}
			assertThat(total).as("the replay, then every later line").isGreaterThan(50);
		}
		finally {
			for (Thread thread : threads) {
				thread.join();
			}
			senders.forEach(LineClient::close);
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
