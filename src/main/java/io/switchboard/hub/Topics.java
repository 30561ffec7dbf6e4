package io.switchboard.hub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.client.Event;
import org.jspecify.annotations.Nullable;

/**
 * Room topics ({@code /topic}). A topic stays until it is replaced or cleared, also while
 * its room is empty (a room's name is its identity; IRC forgets the topic of an emptied
 * channel, which surprises people who come back to it). At most {@value #MAX_ROOMS} rooms
 * have one, so a client cannot fill memory by naming rooms.
 */
final class Topics {

	/** Longest topic, in characters (IRC's TOPICLEN is usually 300–390). */
	static final int MAX_LENGTH = 300;

	static final int MAX_ROOMS = 10_000;

	private final Map<String, Event.Topic> topics = new ConcurrentHashMap<>();

	Event.@Nullable Topic get(String room) {
		return this.topics.get(room);
	}

	/**
	 * Whether a topic can be set in this room now (there is room for one more).
	 */
	boolean canSet(String room) {
		return this.topics.containsKey(room) || this.topics.size() < MAX_ROOMS;
	}

	/**
	 * Record a change that was relayed to this node (an empty text clears).
	 */
	void apply(Event.Topic change) {
		if (change.text().isEmpty()) {
			this.topics.remove(change.room());
		}
		else if (canSet(change.room())) {
			this.topics.put(change.room(), change);
		}
	}

	java.util.Set<String> rooms() {
		return this.topics.keySet();
	}

	int size() {
		return this.topics.size();
	}

}
