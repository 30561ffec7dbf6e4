package io.switchboard.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a message that passed the gate is: the sign-in ({@code /auth}), a command of the
 * line table ({@link LineCommands}), or a chat line for one of the sender's rooms.
 */
final class ChatMessages {

	private final LineCommands commands;

	private final RoomRelay relay;

	private final boolean echoToSender;

	private final AuthGate auth;

	private final RoomPolicies policies;

	private final Rooms rooms;

	ChatMessages(ChatCommands commands, RoomRelay relay, boolean echoToSender, AuthGate auth, RoomPolicies policies,
			Rooms rooms) {
		this.rooms = rooms;
		this.policies = policies;
		this.auth = auth;
		this.commands = commands.lineCommands();
		this.relay = relay;
		this.echoToSender = echoToSender;
	}

	/**
	 * @param room the room it is about: a chat line goes there, and room commands
	 * ({@code /who}, {@code /history}, {@code /topic}) answer for it
	 */
	void handle(ClientSession session, String text, String room, long receivedNanos) {
		if (this.auth.intercepts(session, text)) {
			return;
		}
		LineCall call = LineCall.of(session, text, room, receivedNanos);
		Event refused = this.commands.refusal(call, this.auth.signedIn(session), session.membership().contains(room));
		if (refused != null) {
			session.send(refused);
		}
		else if (this.commands.isCommand(call)) {
			Event reply = this.commands.run(call);
			if (reply != null) {
				session.send(reply);
			}
		}
		else {
			refused = chat(session, room, text, receivedNanos, this.echoToSender);
			if (refused != null) {
				session.send(refused);
			}
		}
	}

	/**
	 * Send a chat line to one of the sender's rooms, if it may.
	 * @param echo whether the sender gets its own line
	 * @return why not, or null if it was sent
	 */
	@Nullable Event chat(ClientSession session, String room, String text, long receivedNanos, boolean echo) {
		return chat(session, room, text, receivedNanos, echo, false);
	}

	/**
	 * As {@link #chat(ClientSession, String, String, long, boolean)}, as an IRC NOTICE if
	 * {@code notice}.
	 */
	@Nullable Event chat(ClientSession session, String room, String text, long receivedNanos, boolean echo, boolean notice) {
		Identity identity = session.identity();
		RoomModes modes = this.rooms.modes(room);
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
				receivedNanos, notice);
		this.relay.relay(room, echo ? null : session.id(), line);
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
