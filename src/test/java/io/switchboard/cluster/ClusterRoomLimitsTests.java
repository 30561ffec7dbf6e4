package io.switchboard.cluster;

import java.time.Duration;
import java.util.List;

import io.switchboard.LineClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one real Redis: a room's member limit and its first member's operator
 * rights hold over both nodes, as on one server, and members of a node that died stop
 * counting.
 */
class ClusterRoomLimitsTests {

	private static final String[] SMALL_ROOMS = { "--switchboard.rooms.policies[0].pattern=small-*",
			"--switchboard.rooms.policies[0].max-members=2" };

	private static RedisServer redis;

	private static ClusterNode a;

	private static ClusterNode b;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		a = ClusterNode.start("limits-a", redis.port(), SMALL_ROOMS);
		b = ClusterNode.start("limits-b", redis.port(), SMALL_ROOMS);
		// A room's limit counts the members of the nodes a node has read as live at its
		// heartbeat: right after start one may not have seen the other yet.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> a.bean(RedisClusterBridge.class).liveNodes().containsAll(List.of("limits-a", "limits-b"))
					&& b.bean(RedisClusterBridge.class).liveNodes().containsAll(List.of("limits-a", "limits-b")));
	}

	@AfterAll
	static void stop() {
		ClusterNode.closeAll(b, a, redis);
	}

	@Test
	void aRoomsMemberLimitHoldsOverBothNodes() {
		try (LineClient onA = LineClient.connected(a.tcpPort());
				LineClient onB = LineClient.connected(b.tcpPort());
				LineClient thirdOnA = LineClient.connected(a.tcpPort());
				LineClient thirdOnB = LineClient.connected(b.tcpPort())) {
			assertThat(onA.command("/join small-1")).isEqualTo("* you are now in room small-1");
			assertThat(onB.command("/join small-1")).isEqualTo("* you are now in room small-1");
			assertThat(thirdOnA.command("/join small-1")).isEqualTo("ERR room small-1 is full (max 2 members)");
			assertThat(thirdOnB.command("/join small-1")).isEqualTo("ERR room small-1 is full (max 2 members)");
			// A member leaving on one node frees its seat for the other's client.
			assertThat(onA.command("/join lobby")).isEqualTo("* you are now in room lobby");
			await().untilAsserted(
					() -> assertThat(thirdOnB.command("/join small-1")).isEqualTo("* you are now in room small-1"));
		}
	}

	@Test
	void onlyTheRoomsFirstMemberOnAnyNodeIsItsOperator() {
		try (LineClient maker = LineClient.connected(a.tcpPort());
				LineClient firstOnB = LineClient.connected(b.tcpPort())) {
			assertThat(maker.command("/join made")).isEqualTo("* you are now in room made");
			// The first member on node B, not the room's first: no operator.
			assertThat(firstOnB.command("/join made")).isEqualTo("* you are now in room made");
			assertThat(firstOnB.command("/kick nobody"))
				.isEqualTo("ERR /kick needs an admin token, or to be the operator of room made");
			assertThat(maker.command("/kick nobody")).startsWith("ERR no nobody in room made");
		}
	}

	@Test
	void membersOfANodeThatIsNoLongerLiveDoNotCount() {
		// As a node that crashed leaves them: two members on a node that is not live.
		StringRedisTemplate store = a.bean(StringRedisTemplate.class);
		store.opsForHash().put("{switchboard:small-ghost}:members", "crashed-node", "2");
		try (LineClient onA = LineClient.connected(a.tcpPort()); LineClient onB = LineClient.connected(b.tcpPort())) {
			assertThat(onA.command("/join small-ghost")).isEqualTo("* you are now in room small-ghost");
			assertThat(onB.command("/join small-ghost")).isEqualTo("* you are now in room small-ghost");
			assertThat(store.opsForHash().entries("{switchboard:small-ghost}:members")).containsOnlyKeys("limits-a",
					"limits-b");
		}
	}

}
