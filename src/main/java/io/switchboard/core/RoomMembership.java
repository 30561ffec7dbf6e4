package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The rooms a client is in and the one it writes to (its current room). Most clients are
 * in one room all their life, so this is a field and an immutable list, replaced whole on
 * every change (changes are rare; reads, for every line sent, take no lock). Changed by
 * the hub, mostly on the client's own reader; changes lock, since an admin's
 * {@code /kick} changes another client's rooms from the admin's reader.
 */
public final class RoomMembership {

	private volatile String current;

	private volatile List<String> all;

	RoomMembership(String room) {
		this.current = room;
		this.all = List.of(room);
	}

	public String current() {
		return this.current;
	}

	public List<String> all() {
		return this.all;
	}

	public boolean contains(String room) {
		return this.all.contains(room);
	}

	/**
	 * Leave every room for this one.
	 */
	public synchronized void moveTo(String room) {
		this.all = List.of(room);
		this.current = room;
	}

	/**
	 * Be in no room (a client whose dialect starts in none); the current room stays what
	 * it was, for the record.
	 */
	public synchronized void clear() {
		this.all = List.of();
	}

	/**
	 * Be in this room too, and write to it.
	 */
	public synchronized void add(String room) {
		if (!this.all.contains(room)) {
			List<String> rooms = new ArrayList<>(this.all);
			rooms.add(room);
			this.all = List.copyOf(rooms);
		}
		this.current = room;
	}

	/**
	 * Leave one room; if it was the current one, the most recently joined of the others
	 * becomes current. The last room cannot be left this way.
	 * @return false if it was not in the room, or it is its only room
	 */
	public boolean remove(String room) {
		return remove(room, false);
	}

	/**
	 * Leave one room, the last one too if {@code mayBeInNone}.
	 * @return false if it was not in the room, or it is its only room and may not be left
	 */
	public synchronized boolean remove(String room, boolean mayBeInNone) {
		if (!this.all.contains(room) || (this.all.size() == 1 && !mayBeInNone)) {
			return false;
		}
		if (this.all.size() == 1) {
			this.all = List.of();
			return true;
		}
		List<String> rooms = new ArrayList<>(this.all);
		rooms.remove(room);
		this.all = List.copyOf(rooms);
		if (this.current.equals(room)) {
			this.current = rooms.getLast();
		}
		return true;
	}

}
