package io.switchboard.cluster;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.LineClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bans are the cluster's: one imposed on one node disconnects and refuses matching
 * clients on every node, and a node that restarts learns them again from Redis. Banned
 * clients come from 127.0.0.51, an address no other test connects from.
 */
class ClusterBanTests {

	private static final String BANNED = "127.0.0.51";

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
		ClusterNode.closeAll(b, a, redis);
	}

	@Test
	void aBanOnOneNodeHoldsOnEveryNodeAndOutlivesARestartUntilLifted() {
		String id;
		try (LineClient onB = LineClient.from(BANNED, b.tcpPort())) {
			onB.readLine();
			HttpResponse<String> posted = a.server()
				.http("POST", "/actuator/bans", "{\"ip\": \"" + BANNED + "\", \"reason\": \"spam\"}");
			assertThat(posted.statusCode()).isEqualTo(201);
			id = JsonPath.read(posted.body(), "$.id");
			assertThat(onB.readToEnd()).last().isEqualTo("ERR banned: spam (permanent)");
		}
		assertRefused(b);
		assertRefused(a);
		assertThat(b.server().get("/actuator/bans").body()).contains(id);

		b.close();
		b = ClusterNode.start("node-b", redis.port());
		await().until(() -> b.server().get("/actuator/bans").body().contains(id));
		assertRefused(b);

		assertThat(b.server().http("DELETE", "/actuator/bans/" + id, "").statusCode()).isEqualTo(200);
		await().until(() -> !a.server().get("/actuator/bans").body().contains(id));
		try (LineClient back = LineClient.from(BANNED, a.tcpPort())) {
			assertThat(back.readLine()).startsWith("* welcome");
		}
	}

	@Test
	void aNickBannedOnOneNodeDisconnectsItsHolderOnTheOther() {
		try (LineClient onB = LineClient.connected(b.tcpPort())) {
			onB.command("/nick cluster-banned");
			HttpResponse<String> posted = a.server()
				.http("POST", "/actuator/bans", "{\"nick\": \"cluster-banned\", \"duration\": \"1h\"}");
			assertThat(onB.readToEnd()).last().asString().startsWith("ERR banned: no reason given (until ");
			a.server().http("DELETE", "/actuator/bans/" + JsonPath.read(posted.body(), "$.id"), "");
		}
	}

	private static void assertRefused(ClusterNode node) {
		try (LineClient refused = LineClient.from(BANNED, node.tcpPort())) {
			assertThat(refused.readToEnd()).containsExactly("ERR banned: spam (permanent)");
		}
	}

}
