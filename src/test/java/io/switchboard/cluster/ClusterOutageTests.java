package io.switchboard.cluster;

import io.switchboard.LineClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis dies mid-traffic and comes back: local chat goes on, health says so, and the
 * nodes rejoin by themselves.
 */
class ClusterOutageTests {

	private RedisServer redis;

	private ClusterNode a;

	private ClusterNode b;

	@BeforeEach
	void start() {
		this.redis = RedisServer.start();
		this.a = ClusterNode.start("outage-a", this.redis.port());
		this.b = ClusterNode.start("outage-b", this.redis.port(), "--switchboard.cluster.required=true");
	}

	@AfterEach
	void stop() {
		ClusterNode.closeAll(this.b, this.a, this.redis);
	}

	@Test
	void whileRedisIsDownLocalChatGoesOnAndTheClusterResumesWhenItIsBack() {
		try (LineClient a1 = LineClient.connected(this.a.tcpPort());
				LineClient a2 = LineClient.connected(this.a.tcpPort());
				LineClient b1 = LineClient.connected(this.b.tcpPort())) {
			a1.send("before");
			assertThat(a2.readLine()).endsWith(" before");
			assertThat(b1.readLine()).endsWith(" before");

			this.redis.stop();
			a1.send("during");
			assertThat(a2.readLine()).endsWith(" during");
			assertThat(a1.readUntil((line) -> line.startsWith("ERR ")))
				.as("its sender is told the line reached its node only")
				.isEqualTo("ERR the cluster is unreachable: only this node's members got your line");
			await().until(() -> this.a.server().get("/actuator/health/cluster").statusCode() == 503);
			assertThat(this.a.server().get("/actuator/health/cluster").body()).contains("\"status\":\"DOWN\"");
			// not required on a: it stays ready; required on b: it is taken out
			assertThat(this.a.server().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			await().until(() -> this.b.server().get("/actuator/health/readiness").statusCode() == 503);
			assertThat(a1.command("/nick later")).startsWith("ERR nicks cannot change");

			this.redis.restart();
			this.a.awaitLinked();
			this.b.awaitLinked();
			assertThat(this.b.server().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			a1.send("after");
			assertThat(a2.readLine()).endsWith(" after");
			// b1 never saw "during": the next line it gets is "after"
			assertThat(b1.readLine()).endsWith(" after");
			assertThat(a1.command("/nick later")).isEqualTo("* you are now later");
			// Redis came back empty, so history starts a new run with the first line
			// after
			// it, on both nodes alike ("before" was in the lost store, "during" reached
			// only
			// node a).
			for (LineClient client : new LineClient[] { a2, b1 }) {
				client.send("/history");
				assertThat(client.readLine()).isEqualTo("* history of lobby: 1 lines");
				assertThat(client.readLine()).endsWith(" after");
				assertThat(client.readLine()).isEqualTo("* end of history");
			}
			// Redis came back empty; the nodes wrote their clients again
			await().until(() -> this.b.server().get("/actuator/clients?scope=cluster").body().contains("\"count\":3"));
		}
		assertThat(this.a.counter("switchboard.cluster.reconnects")).isGreaterThanOrEqualTo(1);
		assertThat(this.a.counter("switchboard.cluster.publish.failures")).isGreaterThanOrEqualTo(1);
	}

}
