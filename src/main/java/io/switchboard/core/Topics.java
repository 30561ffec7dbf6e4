package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Room topics ({@code /topic}). A topic outlives its room for a while
 * ({@code switchboard.rooms.topic-retention}: people coming back to it find it; IRC
 * forgets the topic of an emptied channel at once, which surprises them), then goes with
 * it; the default room and rooms a policy names exactly keep theirs. A room's emptiness
 * is seen by {@link #expired}, run at least every 10 s. One address sets the topics of at
 * most {@code switchboard.rooms.topics-per-address} rooms, and at most
 * {@value #MAX_ROOMS} rooms have one: 240 connections once filled every slot in 18 s, and
 * nobody could set a topic anywhere after that.
 */
final class Topics {

	/**
	 * Longest topic, in UTF-8 bytes (IRC's {@code TOPICLEN}): an IRC {@code 332} line
	 * with a 32-byte nick and room stays within IRC's 512 bytes. 300 characters of
	 * three-byte text made a 939-byte line.
	 */
	static final int MAX_BYTES = 300;

	static final int MAX_ROOMS = 10_000;

	private final Map<String, Event.Topic> topics = new ConcurrentHashMap<>();

	/**
	 * Who set each topic set on this node (the address, as rate limits key it): a topic
	 * another node sets is counted there.
	 */
	private final Map<String, String> setters = new ConcurrentHashMap<>();

	/** When each room with a topic was last known to have members, in ms. */
	private final Map<String, Long> lastOccupied = new ConcurrentHashMap<>();

	/** When each topic was set, as this node learned it (ms). */
	private final Map<String, Long> setAt = new ConcurrentHashMap<>();

	private final int perSetter;

	private final long retentionMillis;

	private final Predicate<String> kept;

	private final LongSupplier clock;

	/**
	 * @param defaultRoom a room whose topic stays while it is empty, as do those a policy
	 * names exactly
	 * @param clock the time in ms
	 */
	Topics(RoomPolicies policies, String defaultRoom, LongSupplier clock) {
		this.perSetter = policies.properties().topicsPerAddress();
		this.retentionMillis = policies.properties().topicRetention().toMillis();
		this.kept = (room) -> room.equals(defaultRoom) || policies.namesExactly(room);
		this.clock = clock;
	}

	Event.@Nullable Topic get(String room) {
		return this.topics.get(room);
	}

	/**
	 * When this node learned the room's topic (IRC's {@code 333}), in ms; null without
	 * one. A node that learned it from the cluster's store later says so: the time is not
	 * in the store.
	 */
	@Nullable Long setAt(String room) {
		return this.setAt.get(room);
	}

	/**
	 * Whether a topic can be set in this room now (there is room for one more).
	 */
	boolean canSet(String room) {
		return this.topics.containsKey(room) || this.topics.size() < MAX_ROOMS;
	}

	/**
	 * Count a topic about to be set in {@code room} against its setter, if there is room
	 * for it.
	 * @param setter the setter's address, or null for one no limit applies to (an admin)
	 */
	synchronized Claim claim(String room, @Nullable String setter) {
		if (!canSet(room)) {
			return Claim.NO_ROOM;
		}
		if (setter == null) {
			this.setters.remove(room);
			return Claim.CLAIMED;
		}
		if (!setter.equals(this.setters.get(room)) && setBy(setter) >= this.perSetter) {
			return Claim.TOO_MANY_FROM_SETTER;
		}
		this.setters.put(room, setter);
		return Claim.CLAIMED;
	}

	private long setBy(String setter) {
		return this.setters.values().stream().filter(setter::equals).count();
	}

	/**
	 * Record a change that was relayed to this node (an empty text clears).
	 */
	void apply(Event.Topic change) {
		String room = change.room();
		if (change.text().isEmpty()) {
			this.topics.remove(room);
			this.setters.remove(room);
			this.lastOccupied.remove(room);
			this.setAt.remove(room);
		}
		else if (canSet(room)) {
			this.topics.put(room, change);
			this.lastOccupied.put(room, this.clock.getAsLong());
			this.setAt.put(room, this.clock.getAsLong());
		}
	}

	/**
	 * The rooms whose topic has outlived them by the retention; forget setters of topics
	 * that are gone (a claim whose change never came).
	 * @param occupied rooms with members now
	 */
	List<String> expired(Set<String> occupied) {
		long now = this.clock.getAsLong();
		this.setters.keySet().removeIf((room) -> !this.topics.containsKey(room));
		List<String> expired = new ArrayList<>();
		for (String room : this.topics.keySet()) {
			if (this.kept.test(room)) {
				continue;
			}
			if (occupied.contains(room)) {
				this.lastOccupied.put(room, now);
			}
			else if (now - this.lastOccupied.getOrDefault(room, now) >= this.retentionMillis) {
				expired.add(room);
			}
		}
		return expired;
	}

	Set<String> rooms() {
		return this.topics.keySet();
	}

	int size() {
		return this.topics.size();
	}

	/**
	 * What became of {@link #claim}.
	 */
	enum Claim {

		/** Counted: set it. */
		CLAIMED,
		/** {@value Topics#MAX_ROOMS} rooms have a topic. */
		NO_ROOM,
		/** Its setter has set {@code topics-per-address} topics. */
		TOO_MANY_FROM_SETTER

	}

}
