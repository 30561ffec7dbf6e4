package io.switchboard.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The cluster-wide state in Redis that is not a room's, every key under one hash tag
 * ({@code {prefix}}, one slot of a Redis Cluster: its scripts read several of them at
 * once). It is small, and changes when clients join, leave or take nicks, never per line:
 * <ul>
 * <li>{@code {prefix}:nodes}, a sorted set of live nodes scored by when each expires;
 * <li>{@code {prefix}:clients:NODE}, a hash of a node's clients, expiring with the node;
 * <li>{@code {prefix}:nicks}, a hash of lower-cased nick to holder ({@code NODE TAB ID}).
 * </ul>
 * Expiry times come from the Redis server's clock, so the nodes' clocks do not matter. A
 * nick held by a node that is gone can be claimed at once; {@link #sweep()} forgets such
 * nodes and their nicks.
 */
final class ClusterDirectory {

	// Redis time in ms; scripts may call TIME since Redis 5 (effects replication)
	private static final String NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) ";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> HEARTBEAT = RedisScript.of(NOW + """
			redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
			redis.call('PEXPIRE', KEYS[2], ARGV[2])
			return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')""", List.class);

	private static final RedisScript<Long> PUT = RedisScript.of("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return 1""", Long.class);

	private static final RedisScript<Long> CLAIM = RedisScript.of(NOW + """
			local holder = redis.call('HGET', KEYS[1], ARGV[1])
			if holder and holder ~= ARGV[2] then
			  local expires = redis.call('ZSCORE', KEYS[2], string.match(holder, '^[^\\t]*'))
			  if expires and tonumber(expires) > now then return 0 end
			end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			return 1""", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
			  return redis.call('HDEL', KEYS[1], ARGV[1])
			end
			return 0""", Long.class);

	private static final RedisScript<String> HOLDER = RedisScript.of(NOW + """
			local holder = redis.call('HGET', KEYS[1], ARGV[1])
			if not holder then return false end
			local expires = redis.call('ZSCORE', KEYS[2], string.match(holder, '^[^\t]*'))
			if expires and tonumber(expires) > now then return holder end
			return false""", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLIENTS = RedisScript.of(NOW + """
			local out = {}
			for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
			  local h = redis.call('HGETALL', ARGV[1] .. node)
			  for i = 1, #h, 2 do
			    out[#out + 1] = node out[#out + 1] = h[i] out[#out + 1] = h[i + 1]
			  end
			end
			return out""", List.class);

	private static final RedisScript<Long> SWEEP = RedisScript.of(NOW + """
			local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
			if #dead == 0 then return 0 end
			local gone = {}
			for _, node in ipairs(dead) do gone[node] = true end
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
			local cursor = '0' local removed = 0
			repeat
			  local page = redis.call('HSCAN', KEYS[2], cursor, 'COUNT', 1000)
			  cursor = page[1]
			  for i = 1, #page[2], 2 do
			    if gone[string.match(page[2][i + 1], '^[^\\t]*')] then
			      redis.call('HDEL', KEYS[2], page[2][i]) removed = removed + 1
			    end
			  end
			until cursor == '0'
			return removed""", Long.class);

	private static final RedisScript<Long> RELEASE_NODE = RedisScript.of("""
			local cursor = '0' local removed = 0
			repeat
			  local page = redis.call('HSCAN', KEYS[1], cursor, 'COUNT', 1000)
			  cursor = page[1]
			  for i = 1, #page[2], 2 do
			    if string.sub(page[2][i + 1], 1, #ARGV[1]) == ARGV[1] then
			      redis.call('HDEL', KEYS[1], page[2][i]) removed = removed + 1
			    end
			  end
			until cursor == '0'
			return removed""", Long.class);

	private final StringRedisTemplate redis;

	private final String nodes;

	private final String nicks;

	private final String clientsPrefix;

	private volatile List<String> liveNodes = List.of();

	ClusterDirectory(StringRedisTemplate redis, ClusterKeys keys) {
		this.redis = redis;
		this.nodes = keys.global() + "nodes";
		this.nicks = keys.global() + "nicks";
		this.clientsPrefix = keys.global() + "clients:";
	}

	/**
	 * Renew a node's presence and its clients' expiry, and read which nodes are live.
	 */
	@SuppressWarnings("unchecked")
	void heartbeat(String node, long ttlMillis) {
		List<String> live = this.redis.execute(HEARTBEAT, List.of(this.nodes, clients(node)), node,
				Long.toString(ttlMillis));
		this.liveNodes = (live != null) ? List.copyOf(live) : List.of();
	}

	/**
	 * The live nodes as the last heartbeat read them.
	 */
	List<String> liveNodes() {
		return this.liveNodes;
	}

	void put(String node, ClusterClient client, long ttlMillis) {
		this.redis.execute(PUT, List.of(clients(node)), client.id(), client.encode(), Long.toString(ttlMillis));
	}

	void remove(String node, String id) {
		this.redis.opsForHash().delete(clients(node), id);
	}

	boolean exists(String node, String id) {
		return this.redis.opsForHash().hasKey(clients(node), id);
	}

	/**
	 * Replace a node's client table, after a reconnect (Redis may have lost it).
	 */
	void replace(String node, List<ClusterClient> clients, long ttlMillis) {
		String key = clients(node);
		this.redis.delete(key);
		for (int from = 0; from < clients.size(); from += 1000) {
			Map<String, String> page = new HashMap<>();
			clients.subList(from, Math.min(clients.size(), from + 1000))
				.forEach((client) -> page.put(client.id(), client.encode()));
			this.redis.opsForHash().putAll(key, page);
		}
		this.redis.expire(key, Duration.ofMillis(ttlMillis));
	}

	/**
	 * Leave the cluster: forget the node, its clients and their nicks.
	 */
	void leave(String node) {
		this.redis.opsForZSet().remove(this.nodes, node);
		this.redis.delete(clients(node));
		releaseNicks(node);
	}

	/**
	 * Release every nick a node's clients hold.
	 */
	void releaseNicks(String node) {
		this.redis.execute(RELEASE_NODE, List.of(this.nicks), holder(node, ""));
	}

	/**
	 * @return false if a live node's client holds it
	 */
	boolean claim(String nickKey, String holder) {
		return Long.valueOf(1).equals(this.redis.execute(CLAIM, List.of(this.nicks, this.nodes), nickKey, holder));
	}

	void release(String nickKey, String holder) {
		this.redis.execute(RELEASE, List.of(this.nicks), nickKey, holder);
	}

	/**
	 * Who holds a nick on a live node.
	 * @return {@code NODE TAB ID}, or null if nobody does
	 */
	@Nullable String holderOf(String nickKey) {
		return this.redis.execute(HOLDER, List.of(this.nicks, this.nodes), nickKey);
	}

	/**
	 * The node in a {@link #holder(String, String)} value.
	 */
	static String nodeOf(String holder) {
		return holder.substring(0, holder.indexOf('\t'));
	}

	/**
	 * The client id in a {@link #holder(String, String)} value.
	 */
	static String clientIdOf(String holder) {
		return holder.substring(holder.indexOf('\t') + 1);
	}

	/**
	 * Every client of every live node.
	 */
	List<ClusterClient> clients() {
		@SuppressWarnings("unchecked")
		List<String> flat = this.redis.execute(CLIENTS, List.of(this.nodes), this.clientsPrefix);
		List<ClusterClient> clients = new ArrayList<>((flat != null) ? flat.size() / 3 : 0);
		for (int i = 0; flat != null && i + 2 < flat.size(); i += 3) {
			clients.add(ClusterClient.decode(flat.get(i), flat.get(i + 1), flat.get(i + 2)));
		}
		return clients;
	}

	/**
	 * Forget nodes past their expiry and the nicks their clients held.
	 * @return how many nicks were released
	 */
	long sweep() {
		Long removed = this.redis.execute(SWEEP, List.of(this.nodes, this.nicks));
		return (removed != null) ? removed : 0;
	}

	static String holder(String node, String clientId) {
		return node + "\t" + clientId;
	}

	private String clients(String node) {
		return this.clientsPrefix + node;
	}

}
