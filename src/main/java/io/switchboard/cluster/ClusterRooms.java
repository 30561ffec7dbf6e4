package io.switchboard.cluster;

import io.switchboard.core.Event;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the cluster keeps of a room besides its history, under the room's own hash tag:
 * its topic ({@code {prefix:ROOM}:topic}, {@code BY TAB TEXT}). A node reads it when the
 * room is created there, so a topic set while it had no member in the room reaches it.
 */
final class ClusterRooms {

	private final StringRedisTemplate redis;

	private final ClusterKeys keys;

	ClusterRooms(StringRedisTemplate redis, ClusterKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * Keep a room's topic (an empty text clears it).
	 */
	void topic(String room, String by, String text) {
		if (text.isEmpty()) {
			this.redis.delete(this.keys.topic(room));
		}
		else {
			this.redis.opsForValue().set(this.keys.topic(room), by + "\t" + text);
		}
	}

	/**
	 * A room's topic; one with an empty text if it has none.
	 */
	Event.Topic topic(String room) {
		String value = this.redis.opsForValue().get(this.keys.topic(room));
		if (value == null) {
			return new Event.Topic(room, "", null);
		}
		int tab = value.indexOf('\t');
		return new Event.Topic(room, value.substring(tab + 1), (tab > 0) ? value.substring(0, tab) : null);
	}

}
