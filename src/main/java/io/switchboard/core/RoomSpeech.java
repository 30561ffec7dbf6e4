package io.switchboard.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Saying something in a room, from any door: a chat line, a notice or an action
 * ({@code /me}), after the checks every such line passes (the sender is in the room, its
 * token lets it publish there, the room is not read-only).
 */
final class RoomSpeech {

	/** What a sender is told of a line the cluster could not take. */
	private static final Event UNRELAYED = Event
		.failure("the cluster is unreachable: only this node's members got your line");

	private final RoomRelay relay;

	private final RoomPolicies policies;

	private final boolean echoToSender;

	private final Rooms rooms;

	RoomSpeech(RoomRelay relay, RoomPolicies policies, boolean echoToSender, Rooms rooms) {
		this.rooms = rooms;
		this.relay = relay;
		this.policies = policies;
		this.echoToSender = echoToSender;
	}

	/**
	 * Send a line to one of the sender's rooms, if it may, echoed to the sender as
	 * {@code switchboard.echo-to-sender} says.
	 * @return why not, or null if it was sent
	 */
	@Nullable Event say(ClientSession session, String room, String text, long receivedNanos, Event.Chat.Kind kind) {
		return say(session, room, text, receivedNanos, this.echoToSender, kind);
	}

	/**
	 * As {@link #say(ClientSession, String, String, long, Event.Chat.Kind)}.
	 * @param echo whether the sender gets its own line
	 */
	@Nullable Event say(ClientSession session, String room, String text, long receivedNanos, boolean echo, Event.Chat.Kind kind) {
		return say(session, room, text, receivedNanos, echo, kind, "");
	}

	/**
	 * As {@link #say(ClientSession, String, String, long, boolean, Event.Chat.Kind)},
	 * with an IRC client's client-only tags ({@link Event.Chat#clientTags()}).
	 */
	@Nullable Event say(ClientSession session, String room, String text, long receivedNanos, boolean echo, Event.Chat.Kind kind,
			String clientTags) {
		Identity identity = session.identity();
		RoomModes modes = this.rooms.modes(room);
		// -n: a live room takes lines from non-members (IRC clients can address one).
		if (!session.membership().contains(room) && (modes.noOutside() || !this.rooms.isLive(room))) {
			return LineCommands.notInRoom(room);
		}
		if (identity != null && !identity.mayPublish(room)) {
			return Event.failure("you may not send to room " + room);
		}
		if (this.policies.readOnly(room) && !isAdmin(identity)) {
			return Event.failure("room " + room + " is read-only");
		}
		if (modes.moderated() && !this.rooms.isOperator(session, room) && !this.rooms.isVoiced(session, room)) {
			return Event.failure("room " + room + " is moderated (+m): only its operators and voiced members speak");
		}
		// Its id comes from the room's history, in delivery order (RoomRelay).
		Event line = new Event.Chat("", room, session.from(), TerminalSafeText.escape(text), Instant.now(),
				receivedNanos, kind, clientTags);
		this.relay.relay(room, echo ? null : session.id(), line, () -> session.send(UNRELAYED));
		return null;
	}

	boolean readOnly(String room) {
		return this.policies.readOnly(room);
	}

	/**
	 * Whether a client is an operator in rooms: its token's {@code admin} claim.
	 */
	static boolean isAdmin(@Nullable Identity identity) {
		return identity != null && identity.admin();
	}

}
