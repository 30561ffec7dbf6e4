package io.switchboard.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scale-out over Redis ({@code switchboard.cluster.*}); the connection itself is
 * {@code spring.data.redis.*}.
 *
 * @param enabled share rooms, nicks and the client directory with other nodes through
 * Redis
 * @param required whether readiness goes down while Redis is unreachable (otherwise only
 * the {@code cluster} health component does, and clients keep chatting locally)
 * @param nodeId this node's name in the cluster; empty means the host name plus a random
 * suffix, so a restarted node never takes over a dead one's entries
 * @param keyPrefix prefix of every Redis key and of the pub/sub channel, to share one
 * Redis between several clusters
 * @param heartbeat how often the node renews its presence and checks its subscription
 * @param ttl how long a node that stopped without cleaning up stays listed (its clients
 * and nicks with it)
 * @param reconnectMax the longest wait between reconnect attempts (they start at 100 ms
 * and double)
 */
@ConfigurationProperties("switchboard.cluster")
@Validated
public record ClusterProperties(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean required,
		@DefaultValue("") @Pattern(regexp = "[A-Za-z0-9_.-]{0,63}",
				message = "must be at most 63 of A-Z a-z 0-9 _ . -") String nodeId,
		@DefaultValue("switchboard") @NotBlank String keyPrefix, @DefaultValue("2s") Duration heartbeat,
		@DefaultValue("15s") Duration ttl, @DefaultValue("5s") Duration reconnectMax) {

	public ClusterProperties {
		if (nodeId.isEmpty()) {
			nodeId = hostName() + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
		}
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new IllegalArgumentException("switchboard.cluster.heartbeat must be positive, was " + heartbeat);
		}
		if (ttl.compareTo(heartbeat.multipliedBy(3)) < 0) {
			throw new IllegalArgumentException("switchboard.cluster.ttl (" + ttl
					+ ") must be at least three heartbeats (" + heartbeat.multipliedBy(3) + ")");
		}
		if (reconnectMax.toMillis() < 100) {
			throw new IllegalArgumentException("switchboard.cluster.reconnect-max must be at least 100ms");
		}
	}

	private static String hostName() {
		String name = System.getenv("HOSTNAME");
		if (name == null || name.isBlank()) {
			try {
				name = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				name = "node";
			}
		}
		String safe = name.replaceAll("[^A-Za-z0-9_.-]", "-");
		return safe.substring(0, Math.min(safe.length(), 58));
	}

}
