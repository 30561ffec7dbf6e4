package io.switchboard.core;

import org.jspecify.annotations.Nullable;

/**
 * Joining a room and reading its past: the reply, the replay and the live lines reach the
 * client in that order, with no gap and no line twice.
 */
final class RoomEntry {

	/** How many lines a bare {@code /history} asks for. */
	private static final int DEFAULT_HISTORY = 20;

	private final Rooms rooms;

	private final History history;

	private final Topics topics;

	private final RoomRelay relay;

	private final ClusterBridge cluster;

	private final int onJoin;

	private final int maxRooms;

	private final RoomPolicies policies;

	RoomEntry(Rooms rooms, History history, Topics topics, RoomRelay relay, ClusterBridge cluster, int onJoin,
			int maxRooms, RoomPolicies policies) {
		this.maxRooms = maxRooms;
		this.policies = policies;
		this.rooms = rooms;
		this.history = history;
		this.topics = topics;
		this.relay = relay;
		this.cluster = cluster;
		this.onJoin = onJoin;
	}

	/**
	 * Move a client to another room, or into it again to catch up. It gets the reply,
	 * then the replay ({@code history.on-join} lines, or with {@code since} a
	 * {@code recovered} notice and what came after that id), then the room's live lines,
	 * with no gap and no line twice: all are queued under the room's lock, which every
	 * line of the room passes under.
	 * @param since the id of the last line the client has of the room, or null
	 * @return an error if {@code since} is no id of the room's (nothing has changed
	 * then), else null
	 */
	@Nullable Event moveTo(ClientSession session, String room, @Nullable String since) {
		Event refused = refused(session, room, null);
		if (refused != null) {
			return refused;
		}
		if (since != null) {
			String problem = this.history.check(room, since);
			if (problem != null) {
				return Event.failure(problem);
			}
		}
		String previous = session.room();
		if (previous.equals(room)) {
			// Its live lines since it joined are already queued: a catch-up now would
			// come after them.
			return (since == null) ? new Event.Joined(room) : Event.failure("already in room " + room
					+ ": catch up when joining it (from another room, or ?room=&since= on a WebSocket URL)");
		}
		int maxMembers = maxMembers(room);
		if (maxMembers > 0 && this.rooms.memberCount(room) >= maxMembers) {
			return full(room);
		}
		// Its seat in the new room before it leaves the old one: a room full across the
		// cluster refuses it where it is.
		ClusterBridge.Seat seat = seat(session, room, maxMembers);
		if (seat == ClusterBridge.Seat.FULL) {
			return full(room);
		}
		this.relay.presence(session, previous, false);
		this.rooms.leave(session, previous);
		session.membership().moveTo(room);
		if (!enter(session, room, since, seat)) {
			// Filled up since the check above: back where it was, which it left a moment
			// ago (never refused, whatever its limit).
			session.membership().moveTo(previous);
			enter(session, previous, null);
			return full(room);
		}
		return null;
	}

	/**
	 * Join one more room (a client whose dialect is in several), and write to it from now
	 * on; if already in it, only write to it. Reply, replay and live lines as for
	 * {@link #moveTo}.
	 * @return an error, or null
	 */
	@Nullable Event join(ClientSession session, String room, @Nullable String since) {
		return join(session, room, since, null);
	}

	/**
	 * As {@link #join(ClientSession, String, String)}, with the room's key ({@code +k})
	 * if the client gave one.
	 */
	@Nullable Event join(ClientSession session, String room, @Nullable String since, @Nullable String key) {
		Event refused = refused(session, room, key);
		if (refused != null) {
			return refused;
		}
		String problem = (since != null) ? this.history.check(room, since) : null;
		if (problem != null) {
			return Event.failure(problem);
		}
		RoomMembership membership = session.membership();
		if (membership.contains(room)) {
			if (since != null) {
				return Event.failure("already in room " + room + ": catch up when joining it");
			}
			membership.add(room);
			return new Event.Joined(room);
		}
		if (membership.all().size() >= this.maxRooms) {
			return Event.failure("you are in " + this.maxRooms
					+ " rooms, the most allowed (switchboard.client.max-rooms); /part one first");
		}
		String previous = membership.current();
		membership.add(room);
		if (!enter(session, room, since)) {
			membership.remove(room, true);
			if (membership.contains(previous)) {
				membership.add(previous); // writes there again
			}
			return full(room);
		}
		return null;
	}

	/**
	 * Leave one of several rooms.
	 */
	Event part(ClientSession session, String room) {
		return part(session, room, "");
	}

	/**
	 * Leave one of several rooms, saying why.
	 */
	Event part(ClientSession session, String room, String reason) {
		RoomMembership membership = session.membership();
		if (!membership.contains(room)) {
			return Event.failure("you are not in room " + room);
		}
		boolean mayBeInNone = session.dialect().startsInNoRoom();
		if (membership.all().size() == 1 && !mayBeInNone) {
			return Event.failure("you cannot leave your only room; /join another first");
		}
		this.relay.left(session, room, false, false, TerminalSafeText.escape(reason));
		this.rooms.leave(session, room);
		membership.remove(room, mayBeInNone);
		this.cluster.updated(session);
		return leftReply(session, room);
	}

	/**
	 * Take a kicked client out of one of its rooms (a dialect that may be in several, or
	 * in none): the room is told who kicked it and why, the client too if its dialect
	 * shows rooms it is in none of (IRC's KICK closes its channel).
	 * @return the client's reply, as to leaving the room
	 */
	Event kicked(ClientSession session, String room, String by, String reason) {
		boolean mayBeInNone = session.dialect().startsInNoRoom();
		this.relay.relay(room, mayBeInNone ? null : session.id(),
				new Event.Presence(room, session.from(), false, false, reason, by));
		this.rooms.leave(session, room);
		RoomMembership membership = session.membership();
		membership.remove(room, mayBeInNone);
		this.cluster.updated(session);
		return leftReply(session, room);
	}

	private static Event leftReply(ClientSession session, String room) {
		return session.membership().all().isEmpty() ? Event.info("you left room " + room + "; you are in no room")
				: Event.info("you left room " + room + "; you write to " + session.room());
	}

	/**
	 * A client changed its nick: its rooms are told.
	 */
	void renamed(ClientSession session, String from) {
		this.relay.renamed(session, from);
	}

	/**
	 * A client was admitted: the cluster lists it, and its room sees it come (if it is in
	 * one yet).
	 */
	void arrived(ClientSession session) {
		this.cluster.updated(session);
		if (this.rooms.isMember(session, session.room())) {
			this.relay.presence(session, session.room(), true);
		}
	}

	/**
	 * Put a client that has just authenticated into its first room (it was admitted into
	 * none).
	 */
	void enterFirstRoom(ClientSession session, String room) {
		session.membership().moveTo(room);
		if (!enter(session, room, null)) {
			session.send(Event.failure(full(room).text() + "; /join another"));
		}
	}

	/**
	 * Why the client may not join the room, or null: its token's rooms, then the room's
	 * modes (a ban, {@code +i} unless invited, {@code +k} without the key).
	 */
	private @Nullable Event refused(ClientSession session, String room, @Nullable String key) {
		Identity identity = session.identity();
		if (identity != null && !identity.mayJoin(room)) {
			return Event.failure("you may not join room " + room);
		}
		RoomModes modes = this.rooms.modes(room);
		if (modes.banned(session.from())) {
			return Event.failure("you are banned from room " + room + " (+b)");
		}
		if (modes.inviteOnly() && !this.rooms.takeInvitation(room, session.nick())) {
			return Event.failure("room " + room + " is invite-only (+i)");
		}
		if (modes.key() != null && !modes.key().equals(key)) {
			return Event.failure("room " + room + " needs its key (+k)");
		}
		return null;
	}

	/**
	 * @return false if the room is full (nothing changed)
	 */
	private boolean enter(ClientSession session, String room, @Nullable String since) {
		return enter(session, room, since, seat(session, room, maxMembers(room)));
	}

	/**
	 * In a cluster the room's members on every node count (for its limit, and who is its
	 * first member); the default room, which has no operator, only if it has a limit.
	 */
	private ClusterBridge.Seat seat(ClientSession session, String room, int maxMembers) {
		return (maxMembers > 0 || !this.rooms.isDefault(room)) ? this.cluster.takeSeat(session, room, maxMembers)
				: ClusterBridge.Seat.LOCAL;
	}

	/**
	 * @param seat its seat in the cluster's count of the room's members
	 * @return false if the room is full (nothing changed)
	 */
	private boolean enter(ClientSession session, String room, @Nullable String since, ClusterBridge.Seat seat) {
		if (seat == ClusterBridge.Seat.FULL) {
			return false;
		}
		int maxMembers = maxMembers(room);
		boolean joined = this.rooms.join(session, room, maxMembers, seat != ClusterBridge.Seat.TAKEN, () -> {
			session.send(new Event.Joined(room));
			replay(session, room, since);
		});
		if (!joined && seat != ClusterBridge.Seat.LOCAL) {
			this.cluster.giveBackSeat(session, room);
		}
		if (joined) {
			this.cluster.updated(session);
			this.relay.presence(session, room, true);
		}
		return joined;
	}

	/**
	 * The refusal of a full room ({@code switchboard.rooms.policies[i].max-members}, or
	 * {@code +l}): in a cluster, full over every node.
	 */
	static Event.Failure full(String room, int maxMembers) {
		return Event.failure("room " + room + " is full (max " + maxMembers + " members)");
	}

	private Event.Failure full(String room) {
		return full(room, maxMembers(room));
	}

	/**
	 * The most members the room may have here: its policy's limit or its {@code +l}, the
	 * lower; 0 for none.
	 */
	private int maxMembers(String room) {
		int policy = this.policies.maxMembers(room);
		int mode = this.rooms.modes(room).limit();
		return (policy == 0 || (mode > 0 && mode < policy)) ? mode : policy;
	}

	/**
	 * What a client joining a room gets before its live lines: the topic, if any; with
	 * {@code since} a {@code recovered} notice and what came after that id, else the last
	 * {@code history.on-join} lines. Called under the room's lock.
	 */
	void replay(ClientSession session, String room, @Nullable String since) {
		Event.Topic topic = this.topics.get(room);
		if (topic != null) {
			session.send(new Event.Topic(room, topic.text(), null));
		}
		if (since != null) {
			String problem = this.history.check(room, since);
			if (problem != null) {
				session.send(Event.failure(problem));
				return;
			}
			History.Recovery recovery = this.history.since(room, since);
			session.send(new Event.Recovered(room, recovery.complete(), recovery.lines().size()));
			recovery.lines().forEach(session::send);
		}
		else if (this.onJoin > 0) {
			this.history.last(room, this.onJoin).forEach(session::send);
		}
	}

	/**
	 * Replace a room's history and topic with the cluster's store of them (if there is
	 * one): when the room is created here (under the creation), or after the link to the
	 * store is back.
	 */
	void loadHistory(String room) {
		Event.Topic topic = this.cluster.storedTopic(room);
		if (topic != null) {
			this.topics.apply(topic);
		}
		if (this.history.enabled()) {
			ClusterBridge.StoredHistory stored = this.cluster.storedHistory(room, this.history.size(room));
			if (stored != null) {
				this.history.load(room, stored.tag(), stored.lines());
			}
		}
	}

	/**
	 * {@link #loadHistory} for every room of this node, each under its lock.
	 */
	void reloadHistory() {
		this.cluster.storedTopics().forEach(this.topics::apply);
		for (String room : this.rooms.names()) {
			this.rooms.underLock(room, () -> loadHistory(room));
		}
	}

	/**
	 * {@code /history}: the last {@code count} lines of the client's room, as one block
	 * (nothing of the room comes between its lines).
	 * @param count how many; null for the default, 20 or what the room keeps if fewer (a
	 * room that keeps 3 lines answers a bare {@code /history} with them, not a usage
	 * error)
	 */
	@Nullable Event history(ClientSession session, String room, @Nullable Integer count) {
		if (!this.history.enabled()) {
			return Event.failure("history is off on this server");
		}
		int size = this.history.size(room);
		if (size == 0) {
			return Event.failure("room " + room + " keeps no history");
		}
		int fallback = Math.min(DEFAULT_HISTORY, size);
		int wanted = (count != null) ? count : fallback;
		if (wanted < 1 || wanted > size) {
			return Event.failure("usage: /history [N] (N from 1 to " + size + ", default " + fallback + ")");
		}
		this.rooms.underLock(room, () -> session.send(new Event.History(room, this.history.last(room, wanted))));
		return null;
	}

}
