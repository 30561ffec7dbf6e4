package io.switchboard.cluster;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.LineClient;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room history in a cluster lives in Redis Streams: every node knows a line by the same
 * id, a client recovers on node B what was said on node A, and history outlives a node.
 */
class ClusterHistoryTests {

	private RedisServer redis;

	private ClusterNode a;

	private ClusterNode b;

	@BeforeEach
	void start() {
		this.redis = RedisServer.start();
		this.a = ClusterNode.start("history-a", this.redis.port());
		this.b = ClusterNode.start("history-b", this.redis.port());
	}

	@AfterEach
	void stop() {
		ClusterNode.closeAll(this.b, this.a, this.redis);
	}

	@Test
	void aBrowserThatDroppedOnNodeACatchesUpOnNodeBWithTheSameIds() {
		try (LineClient sender = inRoom(this.a, "shared")) {
			String lastSeen;
			try (WebSocketProbe onA = WebSocketProbe.withQuery(this.a.server().httpPort(), "switchboard.json",
					"room=shared")) {
				onA.nextMatching((frame) -> frame.contains("welcome"));
				sender.send("seen on a").readLine();
				lastSeen = JsonPath.read(onA.nextMatching((frame) -> frame.contains("seen on a")), "$.id");
			}
			String missedOne = sender.send("missed 1").readLine();
			sender.send("missed 2").readLine();
			try (WebSocketProbe onB = WebSocketProbe.withQuery(this.b.server().httpPort(), "switchboard.json",
					"room=shared&since=" + lastSeen)) {
				onB.nextMatching((frame) -> frame.contains("welcome"));
				String recovered = onB.next();
				assertThat((String) JsonPath.read(recovered, "$.type")).isEqualTo("recovered");
				assertThat((Boolean) JsonPath.read(recovered, "$.complete")).isTrue();
				String first = onB.next();
				assertThat((String) JsonPath.read(first, "$.text")).isEqualTo("missed 1");
				assertThat((String) JsonPath.read(onB.next(), "$.text")).isEqualTo("missed 2");
				sender.send("live");
				String live = onB.nextMatching((frame) -> frame.contains("\"chat\""));
				assertThat((String) JsonPath.read(live, "$.text")).isEqualTo("live");
				// ids are the store's: consecutive after the one seen on A
				String tag = lastSeen.substring(0, lastSeen.indexOf('.'));
				long seq = Long.parseLong(lastSeen.substring(lastSeen.indexOf('.') + 1));
				assertThat((String) JsonPath.read(first, "$.id")).isEqualTo(tag + "." + (seq + 1));
				assertThat((String) JsonPath.read(live, "$.id")).isEqualTo(tag + "." + (seq + 3));
			}
			assertThat(missedOne).endsWith(" missed 1");
		}
	}

	@Test
	void historyAndTopicsOutliveANodeRestartAndReachRoomsItHadNoMembersIn() {
		try (LineClient onA = inRoom(this.a, "kept"); LineClient inLobby = LineClient.connected(this.a.tcpPort())) {
			onA.send("one").readLine();
			onA.send("two").readLine();
			assertThat(onA.command("/topic kept across restarts"))
				.endsWith("set the topic of kept: kept across restarts");
			inLobby.send("lobby-line").readLine();
		}
		this.b.close();
		this.b = ClusterNode.start("history-b2", this.redis.port());
		try (LineClient onB = inRoom(this.b, "kept"); LineClient inLobby = LineClient.connected(this.b.tcpPort())) {
			assertThat(onB.readLine()).isEqualTo("* topic of kept: kept across restarts");
			assertThat(history(onB, 3)).containsExactly("* history of kept: 2 lines", "one", "two");
			assertThat(history(inLobby, 2)).containsExactly("* history of lobby: 1 lines", "lobby-line");
		}
	}

	private static List<String> history(LineClient client, int lines) {
		client.send("/history");
		List<String> read = new ArrayList<>();
		for (int i = 0; i < lines; i++) {
			String line = client.readLine();
			read.add(line.startsWith("*") ? line : line.substring(line.lastIndexOf(' ') + 1));
		}
		assertThat(client.readLine()).isEqualTo("* end of history");
		return read;
	}

	private static LineClient inRoom(ClusterNode node, String room) {
		LineClient client = LineClient.connected(node.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

}
