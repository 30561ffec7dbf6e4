package io.switchboard.cluster;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.LineClient;
import io.switchboard.UdpProbe;
import io.switchboard.WebSocketProbe;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientRegistry;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one real Redis act as one server: rooms, nicks, {@code /who}, the actuator
 * listing and operator disconnects span both.
 */
class ClusterTests {

	private static RedisServer redis;

	private static ClusterNode a;

	private static ClusterNode b;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		a = ClusterNode.start("node-a", redis.port());
		b = ClusterNode.start("node-b", redis.port());
	}

	@AfterAll
	static void stop() {
		if (b != null) {
			b.close();
		}
		if (a != null) {
			a.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void roomLinesReachTcpAndUdpClientsOnBothNodesInOneOrder() throws Exception {
		try (LineClient a1 = inRoom(a, "order");
				LineClient a2 = inRoom(a, "order");
				LineClient b1 = inRoom(b, "order");
				LineClient b2 = inRoom(b, "order");
				UdpProbe udp = new UdpProbe(b.udpPort())) {
			udp.join();
			udp.send("/join order");
			udp.receiveUntil((line) -> line.startsWith("* you are now in room order"));
			await().until(() -> whoCount(a1, "order") == 5);
			Thread fromA = Thread.ofVirtual().start(() -> sendNumbered(a1, "a"));
			Thread fromB = Thread.ofVirtual().start(() -> sendNumbered(b1, "b"));
			fromA.join();
			fromB.join();
			List<String> seenByA1 = chatUntilBothEnds(a1::readLine);
			assertThat(seenByA1).hasSize(200).doesNotHaveDuplicates();
			assertThat(seenByA1.stream().filter((text) -> text.startsWith("a-")))
				.containsExactlyElementsOf(numbered("a"));
			assertThat(chatUntilBothEnds(a2::readLine)).isEqualTo(seenByA1);
			assertThat(chatUntilBothEnds(b1::readLine)).isEqualTo(seenByA1);
			assertThat(chatUntilBothEnds(b2::readLine)).isEqualTo(seenByA1);
			assertThat(chatUntilBothEnds(udp::receive)).isEqualTo(seenByA1);
		}
		assertThat(a.counter("switchboard.cluster.published")).isGreaterThanOrEqualTo(100);
		assertThat(b.counter("switchboard.cluster.received")).isGreaterThanOrEqualTo(200);
	}

	@Test
	void aNodeWithNoMemberInARoomHearsNoneOfItsLinesAndAJoinThereMissesNone() throws Exception {
		int lines = 1000;
		int last = lines + 299;
		try (LineClient sender = inRoom(a, "alpha");
				WebSocketProbe watcher = WebSocketProbe.withQuery(a.server().httpPort(), "switchboard.json",
						"room=alpha");
				LineClient onB = inRoom(b, "beta")) {
			watcher.nextMatching((frame) -> frame.contains("welcome"));
			double before = b.counter("switchboard.cluster.received");
			for (int i = 0; i < lines; i++) {
				sender.send("alpha-" + i).readLine();
			}
			String first = watcher.nextMatching((frame) -> frame.contains("\"alpha-0\""));
			watcher.nextMatching((frame) -> frame.contains("\"alpha-" + (lines - 1) + "\""));
			double heard = b.counter("switchboard.cluster.received") - before;
			LogFactory.getLog(ClusterTests.class)
				.warn("Interest routing: node B took " + (long) heard
						+ " messages from Redis while room alpha on node A said " + lines + " lines");
			assertThat(heard).as("messages node B took from Redis while alpha said %d lines", lines)
				.isLessThan(lines * 0.05);
			// A member joins alpha on node B while lines keep coming: the catch-up (from
			// the
			// store) and the live lines (from the room's channel, subscribed before the
			// load) meet with no gap and no line twice.
			Thread more = Thread.ofVirtual().start(() -> {
				for (int i = lines; i <= last; i++) {
					sender.send("alpha-" + i).readLine();
				}
			});
			try (WebSocketProbe late = WebSocketProbe.withQuery(b.server().httpPort(), "switchboard.json",
					"room=alpha&since=" + JsonPath.read(first, "$.id"))) {
				List<Integer> seen = new ArrayList<>();
				while (seen.isEmpty() || seen.getLast() < last) {
					String frame = late.nextMatching((text) -> text.contains("\"type\":\"chat\""));
					seen.add(Integer.parseInt(JsonPath.<String>read(frame, "$.text").substring("alpha-".length())));
				}
				assertThat(seen).isEqualTo(IntStream.rangeClosed(seen.getFirst(), last).boxed().toList());
			}
			more.join();
			assertThat(onB.command("/ping")).as("beta's member saw nothing of alpha").isEqualTo("* pong");
		}
	}

	@Test
	void chatLinesGoToRedisWithoutWaitingSoTheEventLoopHandlesThem() {
		// Published asynchronously (issue 27): no thread waits for Redis per line.
		assertThat(a.bean(ChatHub.class).handlesAtOnce("hello".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(a.bean(ChatHub.class).handlesAtOnce("/nick x".getBytes(StandardCharsets.UTF_8))).isFalse();
	}

	@Test
	void thePublishApiAnswersWithTheIdEveryNodeKnowsTheLineBy() {
		try (WebSocketProbe onB = WebSocketProbe.withQuery(b.server().httpPort(), "switchboard.json",
				"room=announcements")) {
			onB.nextMatching((frame) -> frame.contains("welcome"));
			HttpResponse<String> posted = a.server()
				.http("POST", "/api/rooms/announcements/messages", "{\"text\":\"release 7\",\"from\":\"ci\"}");
			assertThat(posted.statusCode()).isEqualTo(202);
			assertThat((Boolean) JsonPath.read(posted.body(), "$.cluster")).isTrue();
			String id = JsonPath.read(posted.body(), "$.id");
			assertThat(id).matches("[0-9a-z]{10}\\.\\d+");
			String line = onB.nextMatching((frame) -> frame.contains("release 7"));
			assertThat((String) JsonPath.read(line, "$.id")).isEqualTo(id);
		}
	}

	@Test
	void aNickTakenOnOneNodeIsTakenOnTheOther() {
		try (LineClient onA = LineClient.connected(a.tcpPort()); LineClient onB = LineClient.connected(b.tcpPort())) {
			assertThat(onA.command("/nick Alice")).isEqualTo("* you are now Alice");
			assertThat(onB.command("/nick alice")).isEqualTo("ERR nick alice is taken");
			onA.send("quit");
			onA.readToEnd();
			await().until(() -> onB.command("/nick alice").equals("* you are now alice"));
			try (LineClient again = LineClient.connected(a.tcpPort())) {
				assertThat(again.command("/nick ALICE")).isEqualTo("ERR nick ALICE is taken");
			}
		}
	}

	@Test
	void whoAndRoomsListMembersOfEveryNode() {
		try (LineClient onA = inRoom(a, "everyone"); LineClient onB = inRoom(b, "everyone")) {
			onB.command("/nick bea");
			// Both, in order of arrival; two arrivals on two nodes within one millisecond
			// (the directory's resolution) may list either way round.
			Set<String> both = Set.of("* in everyone: " + onA.address() + ", bea",
					"* in everyone: bea, " + onA.address());
			await().until(() -> both.contains(onA.command("/who")));
			assertThat(onB.command("/who")).isIn(both);
			assertThat(onB.command("/rooms")).contains("everyone (2)");
		}
	}

	@Test
	void theActuatorListsEveryNodesClientsAndDisconnectsOnAnyNode() {
		try (LineClient onA = inRoom(a, "ops"); LineClient onB = inRoom(b, "ops")) {
			onB.command("/nick target");
			await()
				.until(() -> a.server().get("/actuator/clients?scope=cluster").body().contains("\"nick\":\"target\""));
			String listing = a.server().get("/actuator/clients?scope=cluster").body();
			assertThat(listing).contains("\"node\":\"node-b\"").contains("\"node\":\"node-a\"");
			assertThat(listing).contains(onA.address(), onB.address());
			assertThat(a.server().getAnonymously("/actuator/clients?scope=cluster").statusCode()).as("the admin's only")
				.isEqualTo(401);
			String id = b.bean(ClientRegistry.class)
				.listing()
				.stream()
				.filter((session) -> "target".equals(session.nick()))
				.findFirst()
				.orElseThrow()
				.id();
			assertThat(id).endsWith("@node-b");
			assertThat(a.server().http("DELETE", "/actuator/clients/" + id, "").statusCode()).isEqualTo(202);
			assertThat(onB.readToEnd()).contains("* disconnected by operator");
			assertThat(a.server().http("DELETE", "/actuator/clients/tcp-999999@node-b", "").statusCode())
				.isEqualTo(404);
			assertThat(a.server().get("/actuator/clients?scope=everywhere").statusCode()).isEqualTo(400);
		}
	}

	@Test
	void anOperatorMessageReachesEveryNode() {
		try (LineClient onA = inRoom(a, "notice"); LineClient onB = inRoom(b, "notice")) {
			assertThat(a.server().http("POST", "/actuator/clients", "{\"message\":\"maintenance at noon\"}").body())
				.contains("\"cluster\":true");
			assertThat(onA.readLine()).isEqualTo("* [operator] maintenance at noon");
			assertThat(onB.readLine()).isEqualTo("* [operator] maintenance at noon");
		}
	}

	@Test
	void aPrivateMessageReachesTheNickOnTheOtherNodeAndNoOneElse() {
		try (LineClient sender = inRoom(a, "dm");
				LineClient witnessA = inRoom(a, "dm");
				LineClient receiver = inRoom(b, "dm");
				LineClient witnessB = inRoom(b, "dm");
				WebSocketProbe browser = WebSocketProbe.connected(b.server().httpPort(), "switchboard.json")) {
			assertThat(sender.command("/nick ann")).isEqualTo("* you are now ann");
			assertThat(receiver.command("/nick Ben")).isEqualTo("* you are now Ben");
			browser.send("{\"line\":\"/nick cat\"}");
			browser.nextMatching((frame) -> frame.contains("you are now cat"));
			// The nick claims are in Redis before the replies above: no wait needed.
			assertThat(sender.send("/msg ben psst").readLine()).endsWith("] ann -> ben: psst");
			assertThat(receiver.readLine()).endsWith("] ann -> Ben: psst");
			assertThat(sender.send("/msg cat to the browser").readLine()).endsWith("] ann -> cat: to the browser");
			assertThat(browser.nextMatching((frame) -> frame.contains("\"private\""))).contains("\"from\":\"ann\"",
					"\"to\":\"cat\"", "\"text\":\"to the browser\"");
			assertThat(receiver.send("/msg ann back").readLine()).endsWith("] Ben -> ann: back");
			assertThat(sender.readLine()).endsWith("] Ben -> ann: back");
			assertThat(sender.command("/msg nobody-here hi")).isEqualTo("ERR no such nick nobody-here");
			// Nobody else on either node saw any of it.
			assertThat(witnessA.command("/ping")).isEqualTo("* pong");
			assertThat(witnessB.command("/ping")).isEqualTo("* pong");
		}
	}

	@Test
	void aTopicSetOnOneNodeIsSeenOnTheOtherAndByItsLaterJoiners() {
		try (LineClient onA = inRoom(a, "topical"); LineClient onB = inRoom(b, "topical")) {
			await().until(() -> whoCount(onA, "topical") == 2);
			assertThat(onA.command("/topic shared across nodes"))
				.endsWith("set the topic of topical: shared across nodes");
			assertThat(onB.readUntil((line) -> line.contains("set the topic"))).endsWith(": shared across nodes");
		}
		// Node B keeps it though nobody is left there in the room.
		try (LineClient later = LineClient.connected(b.tcpPort())) {
			later.send("/join topical");
			assertThat(later.readLine()).isEqualTo("* you are now in room topical");
			assertThat(later.readLine()).isEqualTo("* topic of topical: shared across nodes");
		}
	}

	@Test
	void aClientInSeveralRoomsOnOneNodeIsListedInEachOnTheOther() {
		try (LineClient onA = inRoom(a, "multi-one");
				WebSocketProbe browser = WebSocketProbe.connected(b.server().httpPort(), "switchboard.json")) {
			browser.send("{\"line\":\"/nick multi\"}");
			browser.nextMatching((frame) -> frame.contains("you are now multi"));
			for (String room : new String[] { "multi-one", "multi-two" }) {
				browser.send("{\"line\":\"/join " + room + "\"}");
				browser.nextMatching((frame) -> frame.contains("you are now in room " + room));
			}
			await().until(() -> onA.command("/who").contains("multi"));
			assertThat(onA.command("/who")).contains(onA.address(), "multi");
			assertThat(onA.command("/rooms")).contains("multi-one (2)", "multi-two (1)", "lobby");
			onA.send("to both nodes");
			assertThat(browser.nextMatching((frame) -> frame.contains("to both nodes")))
				.contains("\"room\":\"multi-one\"");
		}
	}

	@Test
	void aNodeGoneWithoutCleaningUpLosesItsClientsAndNicksOnceExpired() {
		StringRedisTemplate redisTemplate = a.bean(StringRedisTemplate.class);
		// a node that stopped heartbeating: its expiry is in the past
		redisTemplate.opsForZSet().add("{switchboard}:nodes", "ghost", 1);
		redisTemplate.opsForHash()
			.put("{switchboard}:clients:ghost", "tcp-1@ghost", "tcp\t10.0.0.9:4000\tcasper\tlobby\t1\tcasper");
		redisTemplate.opsForHash().put("{switchboard}:nicks", "casper", "ghost\ttcp-1@ghost");
		try (LineClient onA = LineClient.connected(a.tcpPort())) {
			assertThat(onA.command("/nick casper")).isEqualTo("* you are now casper");
			assertThat(a.server().get("/actuator/clients?scope=cluster").body()).doesNotContain("ghost");
		}
		await().until(() -> redisTemplate.opsForZSet().score("{switchboard}:nodes", "ghost") == null);
	}

	@Test
	void aBrowserOnOneNodeSeesAnNcClientOnTheOtherInItsOwnDialect() {
		// The cluster carries events, not rendered lines: node B renders A's line as
		// JSON.
		try (LineClient nc = inRoom(a, "dialects");
				WebSocketProbe browser = WebSocketProbe.connected(b.server().httpPort(), "switchboard.json")) {
			browser.send("{\"line\":\"/join dialects\"}");
			assertThat(browser.next()).contains("\"type\":\"info\"").contains("you are now in room dialects");
			await().until(() -> whoCount(nc, "dialects") == 2);
			nc.send("hello from nc on node-a");
			assertThat(nc.readLine()).as("the line dialect on A, unchanged").endsWith(" hello from nc on node-a");
			String json = browser.nextMatching((frame) -> frame.contains("\"type\":\"chat\""));
			assertThat(json).contains("\"room\":\"dialects\"")
				.contains("\"from\":\"" + nc.address() + "\"")
				.contains("\"text\":\"hello from nc on node-a\"")
				.containsPattern("\"id\":\"[0-9a-z]{10}\\.[0-9]+\"");
			browser.send("{\"line\":\"and back from the browser\"}");
			assertThat(nc.readLine()).as("and A renders B's event as a line").endsWith(" and back from the browser");
		}
	}

	private static LineClient inRoom(ClusterNode node, String room) {
		LineClient client = LineClient.connected(node.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static int whoCount(LineClient client, String room) {
		String who = client.command("/who");
		return who.substring(("* in " + room + ": ").length()).split(", ").length;
	}

	private static void sendNumbered(LineClient client, String sender) {
		numbered(sender).forEach(client::send);
	}

	private static List<String> numbered(String sender) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			lines.add(sender + "-" + i);
		}
		return lines;
	}

	/**
	 * The chat texts a receiver reads until it has seen both senders' last lines.
	 */
	private static List<String> chatUntilBothEnds(Supplier<String> next) {
		List<String> texts = new ArrayList<>();
		boolean endA = false;
		boolean endB = false;
		while (!endA || !endB) {
			String line = next.get();
			if (line.startsWith("[")) {
				String text = line.substring(line.lastIndexOf(' ') + 1);
				texts.add(text);
				endA |= text.equals("a-99");
				endB |= text.equals("b-99");
			}
		}
		return texts;
	}

}
