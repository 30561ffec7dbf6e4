package io.switchboard.cluster;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on a Redis watched by Sentinel ({@code spring.data.redis.sentinel.*}): when
 * the master dies, the sentinel promotes its replica and chat across nodes comes back by
 * itself.
 */
class RedisSentinelTests {

	private static final Log logger = LogFactory.getLog(RedisSentinelTests.class);

	private RedisSentinel redis;

	private ClusterNode a;

	private ClusterNode b;

	@BeforeEach
	void start() {
		this.redis = RedisSentinel.start();
		String[] sentinel = { "--spring.data.redis.sentinel.master=" + RedisSentinel.MASTER,
				"--spring.data.redis.sentinel.nodes=" + this.redis.nodes() };
		this.a = ClusterNode.start("sentinel-a", 0, sentinel);
		this.b = ClusterNode.start("sentinel-b", 0, sentinel);
	}

	@AfterEach
	void stop() {
		ClusterNode.closeAll(this.b, this.a, this.redis);
	}

	@Test
	void chatAcrossNodesResumesOnceTheSentinelPromotesTheReplica() throws Exception {
		try (ChatAcross chat = ChatAcross.in("watched", this.a, this.b)) {
			chat.works();
			double failuresBefore = this.a.counter("switchboard.cluster.publish.failures");
			ChatAcross.Gap gap = chat.resumeAfter(this.redis.master()::stop, Duration.ofSeconds(20));
			logger.warn("Sentinel failover: chat across nodes resumed " + gap.duration().toMillis()
					+ " ms after the master died; " + gap.missed() + " lines sent meanwhile did not reach node B live");
			assertThat(this.redis.failedOver()).isTrue();
			long unstored = gap.notStored(this.redis.onMaster("XRANGE", "{switchboard:watched}:history", "-", "+"));
			assertThat(this.a.counter("switchboard.cluster.publish.failures") - failuresBefore)
				.as("lines that did not reach Redis are counted")
				.isGreaterThanOrEqualTo(unstored);
			assertThat(gap.told()).as("and their sender is told").isGreaterThanOrEqualTo(unstored);
		}
	}

}
