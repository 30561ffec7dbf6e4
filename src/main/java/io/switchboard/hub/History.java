package io.switchboard.hub;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.client.Event;
import org.jspecify.annotations.Nullable;

/**
 * Every room's recent chat lines, and the ids that order a room's lines.
 * <p>
 * An id is {@code TAG.SEQ}: {@code SEQ} counts the room's lines from 1; {@code TAG} names
 * this run of the room's history (4 characters from the room's name, 6 random ones), so
 * an id from another room is told apart from one of an earlier run of this room (after a
 * restart: the client then learns that lines may be lost, like Centrifugo's epoch).
 * <p>
 * One lock guards it all: lines are recorded at the rate messages arrive, not the rate
 * they are delivered, and each operation under it is short. It is a leaf lock: nothing
 * else is locked while it is held (it is taken under a room's lock).
 */
final class History {

	private static final Pattern ID = Pattern.compile("([0-9a-z]{10})\\.(\\d{1,18})");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, KeptLines.Room> rooms = new HashMap<>();

	private final KeptLines kept;

	private final int size;

	private final Predicate<String> live;

	private final LongSupplier clock;

	/**
	 * @param live whether a room still has members: the ids of a room that has neither
	 * members nor kept lines are forgotten
	 * @param clock epoch milliseconds
	 */
	History(HistoryProperties properties, Predicate<String> live, LongSupplier clock) {
		this.size = properties.enabled() ? properties.size() : 0;
		this.live = live;
		this.clock = clock;
		this.kept = new KeptLines(this.size, properties.maxBytes().toBytes(), properties.maxAge().toMillis(),
				(room) -> forgetIfUnused(room.name));
	}

	boolean enabled() {
		return this.size > 0;
	}

	int size() {
		return this.size;
	}

	/**
	 * Give a chat line its id in its room and keep it. Called under the room's lock, so
	 * ids follow the order in which the room's members receive its lines.
	 * @return the line with its id
	 */
	Event.Chat record(Event.Chat chat) {
		this.lock.lock();
		try {
			KeptLines.Room room = this.rooms.computeIfAbsent(chat.room(), History::newRoom);
			long seq = ++room.lastSeq;
			Event.Chat stamped = new Event.Chat(room.tag + "." + seq, chat.room(), chat.from(), chat.text(),
					chat.time(), chat.receivedNanos());
			if (this.size > 0) {
				this.kept.expire(this.clock.getAsLong());
				this.kept.append(room, stamped, seq);
			}
			return stamped;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The room's last {@code count} lines, oldest first.
	 */
	List<Event.Chat> last(String room, int count) {
		this.lock.lock();
		try {
			this.kept.expire(this.clock.getAsLong());
			KeptLines.Room kept = this.rooms.get(room);
			return (kept != null) ? this.kept.newest(kept, 0, count) : List.of();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether {@code id} can be asked for in {@link #since}.
	 * @return what is wrong with it, or null if nothing is
	 */
	@Nullable String check(String room, String id) {
		Matcher matcher = ID.matcher(id);
		if (!matcher.matches()) {
			return "malformed id (since=ID takes the id of a chat line)";
		}
		if (!id.startsWith(roomPart(room))) {
			return "that id is not from room " + room;
		}
		this.lock.lock();
		try {
			KeptLines.Room kept = this.rooms.get(room);
			if (kept != null && kept.tag.equals(matcher.group(1)) && Long.parseLong(matcher.group(2)) > kept.lastSeq) {
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
		Matcher matcher = ID.matcher(id);
		if (!matcher.matches()) {
			return new Recovery(false, List.of());
		}
		long seq = Long.parseLong(matcher.group(2));
		this.lock.lock();
		try {
			this.kept.expire(this.clock.getAsLong());
			KeptLines.Room kept = this.rooms.get(room);
			if (kept == null || !kept.tag.equals(matcher.group(1))) {
				// An earlier run of the room's history: whatever it held is gone.
				return new Recovery(false, (kept != null) ? this.kept.newest(kept, 0, this.size) : List.of());
			}
			return new Recovery(kept.oldestSeq() <= seq + 1, this.kept.newest(kept, seq, this.size));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forget lines past {@code max-age}; run periodically (recording also does).
	 */
	void expire() {
		this.lock.lock();
		try {
			this.kept.expire(this.clock.getAsLong());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A room lost its last member: forget its ids if it keeps no line.
	 */
	void roomClosed(String room) {
		this.lock.lock();
		try {
			forgetIfUnused(room);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Lines kept in all rooms.
	 */
	long lines() {
		return this.kept.lines();
	}

	/**
	 * Estimated heap bytes of the lines kept in all rooms.
	 */
	long bytes() {
		return this.kept.bytes();
	}

	/**
	 * The rooms that keep lines.
	 */
	java.util.Set<String> rooms() {
		this.lock.lock();
		try {
			java.util.Set<String> names = new java.util.TreeSet<>();
			this.rooms.forEach((name, room) -> {
				if (room.lines > 0) {
					names.add(name);
				}
			});
			return names;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Lines and estimated bytes kept for one room.
	 */
	RoomStats stats(String room) {
		this.lock.lock();
		try {
			KeptLines.Room kept = this.rooms.get(room);
			return (kept != null) ? new RoomStats(kept.lines, kept.bytes) : new RoomStats(0, 0);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void forgetIfUnused(String room) {
		KeptLines.Room kept = this.rooms.get(room);
		if (kept != null && kept.lines == 0 && !this.live.test(room)) {
			this.rooms.remove(room);
		}
	}

	private static KeptLines.Room newRoom(String room) {
		return new KeptLines.Room(room, roomPart(room) + base36(RANDOM.nextLong(), 6));
	}

	/**
	 * The first four characters of every tag of a room: from its name, so an id from
	 * another room is recognised.
	 */
	private static String roomPart(String room) {
		return base36(room.toLowerCase(Locale.ROOT).hashCode(), 4);
	}

	private static String base36(long value, int digits) {
		String text = Long.toString(Math.floorMod(value, (long) Math.pow(36, digits)), 36);
		return "0".repeat(digits - text.length()) + text;
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
