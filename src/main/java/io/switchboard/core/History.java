package io.switchboard.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Every room's recent chat lines, and the ids ({@link ChatIds}) that order a room's
 * lines: given here on a single node, by the cluster's store in a cluster.
 * <p>
 * One lock guards it all: lines are recorded at the rate messages arrive, not the rate
 * they are delivered, and each operation under it is short. It is a leaf lock: nothing
 * else is locked while it is held (it is taken under a room's lock).
 */
final class History {

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, KeptLines.Room> rooms = new HashMap<>();

	private final KeptLines kept;

	private final int size;

	private final RoomPolicies policies;

	private final Predicate<String> live;

	private final LongSupplier clock;

	/**
	 * @param live whether a room still has members: the ids of a room that has neither
	 * members nor kept lines are forgotten
	 * @param clock epoch milliseconds
	 */
	History(HistoryProperties properties, RoomPolicies policies, Predicate<String> live, LongSupplier clock) {
		this.size = properties.enabled() ? properties.size() : 0;
		this.policies = policies;
		this.live = live;
		this.clock = clock;
		this.kept = new KeptLines(properties.maxBytes().toBytes(), properties.maxAge().toMillis(),
				(room) -> forgetIfUnused(room.name));
	}

	boolean enabled() {
		return this.size > 0;
	}

	/**
	 * The most lines a room keeps: {@code history.size}, or its policy's.
	 */
	int size(String room) {
		return this.policies.historySize(room);
	}

	/**
	 * Give a chat line its id in its room and keep it. Called under the room's lock, so
	 * ids follow the order in which the room's members receive its lines.
	 * @return the line with its id
	 */
	Event.Chat record(Event.Chat chat) {
		this.lock.lock();
		try {
			KeptLines.Room room = this.rooms.computeIfAbsent(chat.room(),
					(name) -> new KeptLines.Room(name, ChatIds.newTag(name), false, size(name)));
			if (room.clustered) {
				// The cluster is unreachable: ids of this node's own, a run apart from
				// the
				// cluster's (which the cluster may give again). The cluster's lines come
				// back from Redis when the link does.
				room = reset(chat.room(), ChatIds.newTag(chat.room()), false);
			}
			long seq = ++room.lastSeq;
			Event.Chat stamped = chat.withId(room.tag + "." + seq);
			this.kept.expire(this.clock.getAsLong());
			this.kept.append(room, stamped.withoutClientTags(), seq);
			return stamped;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Keep a line whose id the cluster gave.
	 * @return false if this node has it already (from the store, before the live copy
	 * came): it must not be delivered again
	 */
	boolean recordStamped(Event.Chat chat) {
		ChatIds.Parsed parsed = ChatIds.parse(chat.id());
		if (parsed == null) {
			return true;
		}
		String tag = parsed.tag();
		long seq = parsed.seq();
		this.lock.lock();
		try {
			KeptLines.Room room = this.rooms.get(chat.room());
			if (room != null && room.tag.equals(tag) && seq <= room.lastSeq) {
				return false;
			}
			if (room == null || !room.tag.equals(tag) || seq != room.lastSeq + 1) {
				// A new run, or lines this node never got (it had no member here): what
				// it keeps must have no hole, or a catch-up across it would look
				// complete.
				room = reset(chat.room(), tag, true);
			}
			room.lastSeq = seq;
			this.kept.expire(this.clock.getAsLong());
			this.kept.append(room, chat.withoutClientTags(), seq);
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Replace a room's lines with those the cluster stores (ids given by the cluster),
	 * oldest first. Called under the room's lock.
	 */
	void load(String room, String tag, List<Event.Chat> lines) {
		locked(() -> {
			KeptLines.Room kept = reset(room, tag, true);
			for (Event.Chat line : lines) {
				ChatIds.Parsed parsed = ChatIds.parse(line.id());
				if (parsed != null && parsed.tag().equals(tag)) {
					kept.lastSeq = parsed.seq();
					this.kept.append(kept, line, kept.lastSeq);
				}
			}
			this.kept.expire(this.clock.getAsLong());
		});
	}

	/**
	 * The room's last {@code count} lines, oldest first.
	 */
	List<Event.Chat> last(String room, int count) {
		List<List<Event.Chat>> found = new ArrayList<>(1);
		locked(() -> {
			this.kept.expire(this.clock.getAsLong());
			KeptLines.Room kept = this.rooms.get(room);
			found.add((kept != null) ? this.kept.newest(kept, 0, count) : List.of());
		});
		return found.getFirst();
	}

	/**
	 * Whether {@code id} can be asked for in {@link #since}.
	 * @return what is wrong with it, or null if nothing is
	 */
	@Nullable String check(String room, String id) {
		ChatIds.Parsed parsed = ChatIds.parse(id);
		if (parsed == null) {
			return "malformed id (since=ID takes the id of a chat line)";
		}
		if (!ChatIds.isOf(room, id)) {
			return "that id is not from room " + room;
		}
		this.lock.lock();
		try {
			KeptLines.Room kept = this.rooms.get(room);
			if (kept != null && kept.tag.equals(parsed.tag()) && parsed.seq() > kept.lastSeq) {
				return "that id is newer than any line of room " + room;
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * What came after {@code id} in the room; the id passed {@link #check} (a room's
	 * lines only get newer, so it still does).
	 */
	Recovery since(String room, String id) {
		ChatIds.Parsed parsed = ChatIds.parse(id);
		if (parsed == null) {
			return new Recovery(false, List.of());
		}
		long seq = parsed.seq();
		this.lock.lock();
		try {
			this.kept.expire(this.clock.getAsLong());
			KeptLines.Room kept = this.rooms.get(room);
			if (kept == null || !kept.tag.equals(parsed.tag())) {
				// An earlier run of the room's history: whatever it held is gone.
				return new Recovery(false, (kept != null) ? this.kept.newest(kept, 0, kept.limit) : List.of());
			}
			return new Recovery(kept.oldestSeq() <= seq + 1, this.kept.newest(kept, seq, kept.limit));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forget lines past {@code max-age}; run periodically (recording also does).
	 */
	void expire() {
		locked(() -> this.kept.expire(this.clock.getAsLong()));
	}

	/**
	 * A room lost its last member: forget its ids if it keeps no line.
	 */
	void roomClosed(String room) {
		locked(() -> forgetIfUnused(room));
	}

	void registerGauges(SwitchboardMetrics metrics) {
		metrics.gauge("switchboard.history.lines", "Chat lines kept in room history", this, History::lines);
		metrics.gauge("switchboard.history.bytes", "Estimated heap bytes of room history", this, History::bytes);
	}

	long lines() { // kept in all rooms
		return this.kept.lines();
	}

	long bytes() { // estimated heap bytes of the lines kept in all rooms
		return this.kept.bytes();
	}

	/**
	 * The rooms that keep lines.
	 */
	Set<String> rooms() {
		Set<String> names = new TreeSet<>();
		locked(() -> this.rooms.forEach((name, room) -> {
			if (room.lines > 0) {
				names.add(name);
			}
		}));
		return names;
	}

	/**
	 * Lines and estimated bytes kept for one room.
	 */
	RoomStats stats(String room) {
		RoomStats[] stats = { new RoomStats(0, 0) };
		locked(() -> {
			KeptLines.Room kept = this.rooms.get(room);
			if (kept != null) {
				stats[0] = new RoomStats(kept.lines, kept.bytes);
			}
		});
		return stats[0];
	}

	private void locked(Runnable action) {
		this.lock.lock();
		try {
			action.run();
		}
		finally {
			this.lock.unlock();
		}
	}

	private KeptLines.Room reset(String name, String tag, boolean clustered) {
		KeptLines.Room old = this.rooms.get(name);
		if (old != null) {
			this.kept.clear(old);
		}
		KeptLines.Room room = new KeptLines.Room(name, tag, clustered, size(name));
		this.rooms.put(name, room);
		return room;
	}

	private void forgetIfUnused(String room) {
		KeptLines.Room kept = this.rooms.get(room);
		if (kept != null && kept.lines == 0 && !this.live.test(room)) {
			this.rooms.remove(room);
		}
	}

	/**
	 * What {@link #since} found: the lines after the id, and whether they are all that
	 * came after it (false if some were already forgotten).
	 */
	record Recovery(boolean complete, List<Event.Chat> lines) {
	}

	/**
	 * What history keeps of one room.
	 */
	record RoomStats(long lines, long bytes) {
	}

}
