package io.switchboard.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.switchboard.core.ClientSession;
import io.switchboard.core.ClusterBridge;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * How many members each room has on every node, so that a room's {@code max-members} and
 * its first member's operator rights hold across the cluster. Each room keeps a hash
 * under its own tag, {@code {prefix:ROOM}:members}, of node to that node's count; a join
 * checks and counts in one script on the room's master, so two nodes cannot both take the
 * last seat.
 * <p>
 * A node that crashed cannot take its members back: a count is summed only while its node
 * is live ({@code {prefix}:nodes}, as the joining node last read it at its heartbeat),
 * and a join deletes the counts of nodes not live. A node that was wrong (its list was a
 * heartbeat old and missed a node that had just joined) is put right by each node writing
 * its own counts again every ten heartbeats and after every reconnect: they are rewritten
 * from its members, which are the truth.
 */
final class ClusterSeats {

	/**
	 * KEYS: the room's hash; ARGV: this node, the limit (0 = none), then the live nodes.
	 * Returns -1 if full, 1 if nobody (live) is in the room, else 0; counts the member.
	 */
	private static final RedisScript<Long> TAKE = RedisScript.of("""
			local live = {}
			for i = 3, #ARGV do live[ARGV[i]] = true end
			local total = 0
			local counts = redis.call('HGETALL', KEYS[1])
			for i = 1, #counts, 2 do
			  if live[counts[i]] or counts[i] == ARGV[1] then
			    total = total + tonumber(counts[i + 1])
			  else
			    redis.call('HDEL', KEYS[1], counts[i])
			  end
			end
			local limit = tonumber(ARGV[2])
			if limit > 0 and total >= limit then return -1 end
			redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
			if total == 0 then return 1 end
			return 0""", Long.class);

	/** KEYS: the room's hash; ARGV: this node. */
	private static final RedisScript<Long> GIVE_BACK = RedisScript.of("""
			if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
			return 1""", Long.class);

	/** KEYS: the room's hash; ARGV: this node, its count there. */
	private static final RedisScript<Long> WRITE = RedisScript.of("""
			if tonumber(ARGV[2]) > 0 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			else redis.call('HDEL', KEYS[1], ARGV[1]) end
			return 1""", Long.class);

	private final StringRedisTemplate redis;

	private final ClusterKeys keys;

	private final String node;

	private final ClusterLink link;

	private final Supplier<List<String>> liveNodes;

	/** Each local client's counted rooms, as Redis was last told. */
	private final Map<String, Set<String>> seats = new ConcurrentHashMap<>();

	/** Rooms whose count this node wrote (to zero them once it has nobody there). */
	private final Set<String> written = ConcurrentHashMap.newKeySet();

	ClusterSeats(StringRedisTemplate redis, ClusterKeys keys, String node, ClusterLink link,
			Supplier<List<String>> liveNodes) {
		this.redis = redis;
		this.keys = keys;
		this.node = node;
		this.link = link;
		this.liveNodes = liveNodes;
	}

	/**
	 * Count a member joining a room, unless the room is full on every node together (one
	 * round trip, on the joining client's thread).
	 */
	ClusterBridge.Seat take(ClientSession session, String room, int maxMembers) {
		if (!this.link.isUp()) {
			return ClusterBridge.Seat.LOCAL;
		}
		Set<String> rooms = this.seats.computeIfAbsent(session.id(), (id) -> ConcurrentHashMap.newKeySet());
		if (!rooms.add(room)) {
			return ClusterBridge.Seat.TAKEN; // counted already (it is coming back)
		}
		List<String> args = new ArrayList<>();
		args.add(this.node);
		args.add(Integer.toString(maxMembers));
		args.addAll(this.liveNodes.get());
		Long answer;
		try {
			this.written.add(room);
			answer = this.redis.execute(TAKE, List.of(this.keys.members(room)), args.toArray());
		}
		catch (RuntimeException ex) {
			rooms.remove(room);
			this.link.down(ex);
			return ClusterBridge.Seat.LOCAL;
		}
		if (answer == null || answer < 0) {
			rooms.remove(room);
			return ClusterBridge.Seat.FULL;
		}
		return (answer == 1) ? ClusterBridge.Seat.FIRST : ClusterBridge.Seat.TAKEN;
	}

	/**
	 * A seat taken for a join that did not happen.
	 */
	void giveBack(ClientSession session, String room) {
		Set<String> rooms = this.seats.get(session.id());
		if (rooms != null && rooms.remove(room)) {
			this.link.write(() -> giveBack(room));
		}
	}

	/**
	 * A client changed rooms: give back the seats of the rooms it left.
	 */
	void updated(ClientSession session) {
		Set<String> rooms = this.seats.get(session.id());
		if (rooms == null) {
			return;
		}
		Collection<String> now = session.membership().all();
		for (String room : rooms) {
			if (!now.contains(room) && rooms.remove(room)) {
				this.link.write(() -> giveBack(room));
			}
		}
	}

	/**
	 * A client is gone: give back all its seats.
	 */
	void removed(ClientSession session) {
		Set<String> rooms = this.seats.remove(session.id());
		if (rooms != null) {
			for (String room : rooms) {
				this.link.write(() -> giveBack(room));
			}
		}
	}

	/**
	 * Write this node's count of every room again from its members (on the link's thread:
	 * after a reconnect, Redis may have lost them or kept some of rooms its members left
	 * meanwhile; and every ten heartbeats, to put right what a race left).
	 */
	void rewrite(Collection<ClientSession> sessions) {
		Map<String, Integer> counts = new HashMap<>();
		for (ClientSession session : sessions) {
			Set<String> rooms = ConcurrentHashMap.newKeySet();
			rooms.addAll(session.membership().all());
			this.seats.put(session.id(), rooms);
			rooms.forEach((room) -> counts.merge(room, 1, Integer::sum));
		}
		Set<String> rooms = new HashSet<>(this.written);
		rooms.addAll(counts.keySet());
		for (String room : rooms) {
			int count = counts.getOrDefault(room, 0);
			this.redis.execute(WRITE, List.of(this.keys.members(room)), this.node, Integer.toString(count));
			if (count == 0) {
				this.written.remove(room);
			}
			else {
				this.written.add(room);
			}
		}
	}

	/**
	 * Leaving the cluster: this node's counts go.
	 */
	void leave() {
		for (String room : this.written) {
			this.redis.opsForHash().delete(this.keys.members(room), this.node);
		}
		this.written.clear();
		this.seats.clear();
	}

	private void giveBack(String room) {
		this.redis.execute(GIVE_BACK, List.of(this.keys.members(room)), this.node);
	}

}
