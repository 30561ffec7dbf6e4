package io.switchboard.cluster;

/**
 * The names of the cluster's Redis keys and channels. A room's keys and its channel share
 * a hash tag of their own, {@code {prefix:ROOM}}, so rooms spread over a Redis Cluster's
 * masters and a room's script (append and publish) stays on one of them. What is not per
 * room (the node list, the client directory, nicks, bans) stays under {@code {prefix}}:
 * small, and touched on joins and nick changes, never per line.
 */
record ClusterKeys(String prefix) {

	/** {@code {prefix}:}, the tag of the cluster-wide keys. */
	String global() {
		return "{" + this.prefix + "}:";
	}

	/** {@code {prefix:ROOM}:}, the tag of one room's keys and channel. */
	String room(String room) {
		return "{" + this.prefix + ":" + room + "}:";
	}

	/** A room's stream of lines. */
	String history(String room) {
		return room(room) + "history";
	}

	/** The last sequence number of a room's lines. */
	String sequence(String room) {
		return room(room) + "seq";
	}

	/** The tag of a room's line ids. */
	String tag(String room) {
		return room(room) + "tag";
	}

	/** A room's topic ({@code BY TAB TEXT}). */
	String topic(String room) {
		return room(room) + "topic";
	}

	/** How many members a room has on each node (node to count). */
	String members(String room) {
		return room(room) + "members";
	}

	/**
	 * A room's channel: its lines and events, heard only by the nodes with a member in it
	 * (a shard channel on Redis 7, so on a Redis Cluster it stays on the room's shard).
	 */
	String roomChannel(String room) {
		return room(room) + "chat";
	}

	/**
	 * A node's own channel: what is addressed to one node (a private message, an
	 * operator's disconnect) and its heartbeat, which comes back to it.
	 */
	String nodeChannel(String node) {
		return global() + "node:" + node;
	}

	/** What every node hears: bans, operator messages to every room. */
	String controlChannel() {
		return global() + "control";
	}

}
