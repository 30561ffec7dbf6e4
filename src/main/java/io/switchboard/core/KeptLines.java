package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The chat lines history keeps, in two orders at once: every room's lines in one list in
 * the order they were recorded, and each room's in its own, linked through the same
 * entries. So the oldest line of any room goes first when the byte budget is full, and
 * removing a line is O(1) whichever limit removes it. Not thread-safe: {@link History}
 * holds its lock around every call.
 */
final class KeptLines {

	/**
	 * Heap bytes of a kept line beyond its strings' characters: entry, event, headers.
	 */
	private static final int ENTRY_OVERHEAD = 200;

	private final Entry all = new Entry(null, 0, 0, null);

	private final long maxBytes;

	private final long maxAgeMillis;

	private final Consumer<Room> emptied;

	private volatile long lines;

	private volatile long bytes;

	/**
	 * @param emptied told when a room's last kept line is removed
	 */
	KeptLines(long maxBytes, long maxAgeMillis, Consumer<Room> emptied) {
		this.maxBytes = maxBytes;
		this.maxAgeMillis = maxAgeMillis;
		this.emptied = emptied;
		this.all.allNext = this.all;
		this.all.allPrevious = this.all;
	}

	/**
	 * Keep a line as its room's newest, then drop whatever the limits no longer allow.
	 */
	void append(Room room, Event.Chat chat, long seq) {
		if (room.limit == 0) {
			return; // a room that keeps nothing (its policy's history is 0)
		}
		int cost = ENTRY_OVERHEAD + 2 * (chat.id().length() + chat.from().length() + chat.text().length());
		Entry entry = new Entry(chat, seq, cost, room);
		entry.roomPrevious = room.newest;
		if (room.newest != null) {
			room.newest.roomNext = entry;
		}
		else {
			room.oldest = entry;
		}
		room.newest = entry;
		room.lines++;
		room.bytes += cost;
		entry.allPrevious = this.all.allPrevious;
		entry.allNext = this.all;
		this.all.allPrevious.allNext = entry;
		this.all.allPrevious = entry;
		this.lines++;
		this.bytes += cost;
		while (room.lines > room.limit && room.oldest != null) {
			remove(room.oldest);
		}
		while (this.bytes > this.maxBytes && this.all.allNext != this.all) {
			remove(this.all.allNext);
		}
	}

	/**
	 * Drop lines older than the maximum age.
	 */
	void expire(long nowMillis) {
		while (this.all.allNext != this.all && nowMillis - this.all.allNext.time() > this.maxAgeMillis) {
			remove(this.all.allNext);
		}
	}

	/**
	 * A room's lines after {@code afterSeq}, oldest first, at most {@code limit}.
	 */
	List<Event.Chat> newest(Room room, long afterSeq, int limit) {
		List<Event.Chat> found = new ArrayList<>(Math.min(limit, room.lines));
		for (Entry entry = room.newest; entry != null && entry.seq > afterSeq
				&& found.size() < limit; entry = entry.roomPrevious) {
			found.add(entry.chat);
		}
		return found.reversed();
	}

	/**
	 * Drop every line of a room.
	 */
	void clear(Room room) {
		while (room.oldest != null) {
			remove(room.oldest);
		}
	}

	long lines() {
		return this.lines;
	}

	long bytes() {
		return this.bytes;
	}

	private void remove(Entry entry) {
		Room room = entry.room;
		entry.allPrevious.allNext = entry.allNext;
		entry.allNext.allPrevious = entry.allPrevious;
		if (entry.roomPrevious != null) {
			entry.roomPrevious.roomNext = entry.roomNext;
		}
		else {
			room.oldest = entry.roomNext;
		}
		if (entry.roomNext != null) {
			entry.roomNext.roomPrevious = entry.roomPrevious;
		}
		else {
			room.newest = entry.roomPrevious;
		}
		room.lines--;
		room.bytes -= entry.cost;
		this.lines--;
		this.bytes -= entry.cost;
		if (room.lines == 0) {
			this.emptied.accept(room);
		}
	}

	/**
	 * One room's kept lines and the sequence of its ids.
	 */
	static final class Room {

		final String name;

		final String tag;

		/** Whether its ids come from the cluster (else this node gives them). */
		final boolean clustered;

		/** The most lines it keeps. */
		final int limit;

		long lastSeq;

		@Nullable Entry oldest;

		@Nullable Entry newest;

		int lines;

		long bytes;

		Room(String name, String tag, boolean clustered, int limit) {
			this.limit = limit;
			this.name = name;
			this.tag = tag;
			this.clustered = clustered;
		}

		/**
		 * The sequence number of the oldest line kept, or the next one if none is.
		 */
		long oldestSeq() {
			return (this.oldest != null) ? this.oldest.seq : this.lastSeq + 1;
		}

	}

	private static final class Entry {

		final Event.@Nullable Chat chat;

		final long seq;

		final int cost;

		final Room room;

		Entry allPrevious;

		Entry allNext;

		@Nullable Entry roomPrevious;

		@Nullable Entry roomNext;

		Entry(Event.@Nullable Chat chat, long seq, int cost, @Nullable Room room) {
			this.chat = chat;
			this.seq = seq;
			this.cost = cost;
			this.room = room;
			this.allPrevious = this;
			this.allNext = this;
		}

		long time() {
			return this.chat.time().toEpochMilli();
		}

	}

}
