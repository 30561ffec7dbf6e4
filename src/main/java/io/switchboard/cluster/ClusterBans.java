package io.switchboard.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.switchboard.core.Ban;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster's bans: a Redis hash {@code {prefix}:bans} of id to the encoded ban, so
 * they outlive any node (and survive a restart of Redis if it persists), and a message on
 * the control channel for each ban imposed or lifted, so every node acts on it at once.
 * Bans past their end are deleted whenever the hash is read.
 */
final class ClusterBans {

	private static final Log logger = LogFactory.getLog(ClusterBans.class);

	private final StringRedisTemplate redis;

	private final String key;

	private final String node;

	private final ClusterLink link;

	private final ClusterChannel out;

	ClusterBans(StringRedisTemplate redis, ClusterKeys keys, String node, ClusterLink link, ClusterChannel out) {
		this.redis = redis;
		this.key = keys.global() + "bans";
		this.node = node;
		this.link = link;
		this.out = out;
	}

	/**
	 * Store a ban, then tell every node.
	 * @throws IllegalStateException if Redis is unreachable
	 */
	boolean share(Ban ban) {
		stored(); // deletes the ended ones, which nothing else would while the link holds
		update(() -> this.redis.opsForHash().put(this.key, ban.id(), encode(ban)));
		if (!this.out.sendToAll(new ClusterMessage.BanImposed(this.node, ban))) {
			// Stored: every node gets it on its next reload, but not now.
			throw unreachable();
		}
		return true;
	}

	/**
	 * Delete a ban, then tell every node.
	 * @return whether the store had it
	 * @throws IllegalStateException if Redis is unreachable
	 */
	boolean lift(String id) {
		boolean[] stored = new boolean[1];
		update(() -> stored[0] = this.redis.opsForHash().delete(this.key, id) > 0);
		if (!this.out.sendToAll(new ClusterMessage.BanLifted(this.node, id))) {
			throw unreachable();
		}
		return stored[0];
	}

	/**
	 * The bans in force; those past their end are deleted.
	 * @return null while Redis is unreachable
	 */
	@Nullable List<Ban> stored() {
		if (!this.link.isUp()) {
			return null;
		}
		try {
			Map<Object, Object> entries = this.redis.opsForHash().entries(this.key);
			Instant now = Instant.now();
			List<Ban> bans = new ArrayList<>(entries.size());
			List<Object> ended = new ArrayList<>();
			entries.forEach((id, value) -> {
				Ban ban = decode(id.toString(), value.toString());
				if (ban != null && ban.until() != null && !now.isBefore(ban.until())) {
					ended.add(id);
				}
				else if (ban != null) {
					bans.add(ban);
				}
			});
			if (!ended.isEmpty()) {
				this.redis.opsForHash().delete(this.key, ended.toArray());
			}
			return bans;
		}
		catch (RuntimeException ex) {
			this.link.down(ex);
			return null;
		}
	}

	private void update(Runnable update) {
		if (!this.link.isUp()) {
			throw unreachable();
		}
		try {
			update.run();
		}
		catch (RuntimeException ex) {
			this.link.down(ex);
			throw unreachable();
		}
	}

	private IllegalStateException unreachable() {
		return new IllegalStateException("the cluster is unreachable: " + this.link.lastError());
	}

	/**
	 * {@code KIND TAB VALUE TAB BY TAB CREATED TAB UNTIL TAB REASON}: times in epoch
	 * milliseconds, {@code UNTIL} -1 until lifted; the reason last, as it alone may hold
	 * a tab.
	 */
	static String encode(Ban ban) {
		Instant until = ban.until();
		return String.join("\t", ban.kind().tag(), ban.value(), ban.by(), Long.toString(ban.created().toEpochMilli()),
				Long.toString((until != null) ? until.toEpochMilli() : -1), ban.reason());
	}

	/**
	 * @return null for a value this version cannot read (logged)
	 */
	static @Nullable Ban decode(String id, String value) {
		String[] f = value.split("\t", 6);
		try {
			long until = Long.parseLong(f[4]);
			return new Ban(id, Ban.Kind.valueOf(f[0].toUpperCase(Locale.ROOT)), f[1], f[5], f[2],
					Instant.ofEpochMilli(Long.parseLong(f[3])), (until >= 0) ? Instant.ofEpochMilli(until) : null);
		}
		catch (RuntimeException ex) {
			logger.warn("Ignored ban " + id + " in the cluster's store: " + ex.getMessage());
			return null;
		}
	}

}
