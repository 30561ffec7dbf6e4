package io.switchboard.cluster;

import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code cluster} health component: UP while the link to Redis works both ways.
 */
final class ClusterHealthIndicator implements HealthIndicator {

	private final RedisClusterBridge bridge;

	private final ClusterProperties properties;

	ClusterHealthIndicator(RedisClusterBridge bridge, ClusterProperties properties) {
		this.bridge = bridge;
		this.properties = properties;
	}

	@Override
	public Health health() {
		Health.Builder health = this.bridge.isUp() ? Health.up() : Health.down();
		health.withDetail("node", this.bridge.node()).withDetail("required", this.properties.required());
		String error = this.bridge.lastError();
		if (error != null) {
			health.withDetail("error", error);
		}
		Instant since = this.bridge.downSince();
		if (since != null) {
			health.withDetail("downSince", since.toString());
		}
		return health.build();
	}

}
