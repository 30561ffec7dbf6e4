package io.switchboard.core;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What a door whose protocol has commands of its own (IRC) asks of the hub, one typed
 * call per action, instead of the line protocol's {@code /commands}: the same rules,
 * limits and fan-out as every other client, with the outcome returned for the door to
 * answer in its own words (numerics). Replies that are events (a join's topic and replay)
 * are still queued to the client, rendered in its dialect.
 */
public final class ChatActions {

	/** The longest topic, in UTF-8 bytes. */
	public static final int TOPIC_LENGTH = Topics.MAX_BYTES;

	private final ChatMessages messages;

	private final ChatCommands commands;

	private final RoomEntry entry;

	private final PrivateMessages privateMessages;

	private final TopicCommand topic;

	private final Topics topics;

	private final Rooms rooms;

	private final InboundGate gate;

	private final AuthGate auth;

	private final SwitchboardMetrics metrics;

	private final BooleanSupplier accepting;

	private final RoomRelay relay;

	ChatActions(ChatMessages messages, ChatCommands commands, RoomEntry entry, PrivateMessages privateMessages,
			TopicCommand topic, Topics topics, Rooms rooms, InboundGate gate, AuthGate auth, SwitchboardMetrics metrics,
			BooleanSupplier accepting, RoomRelay relay) {
		this.relay = relay;
		this.messages = messages;
		this.commands = commands;
		this.entry = entry;
		this.privateMessages = privateMessages;
		this.topic = topic;
		this.topics = topics;
		this.rooms = rooms;
		this.gate = gate;
		this.auth = auth;
		this.metrics = metrics;
		this.accepting = accepting;
	}

	/**
	 * Whether a name can be a room's (1-32 of A-Z a-z 0-9 _ . -).
	 */
	public static boolean isRoomName(String name) {
		return ChatCommands.isName(name);
	}

	/**
	 * Count a message from the client and pass it through the same gate as every
	 * client's: the first message of a stream checked for another protocol, then flood
	 * control (which may refuse it, warn, or disconnect).
	 * @return whether to act on it
	 */
	public boolean admit(ClientSession session, byte[] message) {
		if (session.isClosing()) {
			return false;
		}
		session.received(message.length);
		if (!this.accepting.getAsBoolean()) {
			this.metrics.dropped(CloseReason.SHUTDOWN.tag());
			return false;
		}
		return this.gate.pass(session, message);
	}

	/**
	 * Charge flood control for a message sent once more: an IRC {@code PRIVMSG} to
	 * several targets costs, for each target after the first, what one message of these
	 * bytes costs, so that naming a room four times is not four times the rate.
	 * @return whether to send it (if not, the client was told, or closed for flooding)
	 */
	public boolean admitAgain(ClientSession session, byte[] message) {
		return !session.isClosing() && session.admit(message.length);
	}

	/**
	 * A chat line to one of the client's rooms, taken as text whatever it starts with.
	 * @param echo whether the sender gets its own line back
	 * @return why it was refused, or null if it was sent
	 */
	public @Nullable Event say(ClientSession session, String room, String text, long receivedNanos, boolean echo,
			boolean notice) {
		return this.messages.chat(session, room, text, receivedNanos, echo, notice);
	}

	/**
	 * A private message.
	 * @return the sender's copy (if senders get their own), an error, or null
	 */
	public @Nullable Event privateMessage(ClientSession session, String nick, String text, long receivedNanos) {
		return this.privateMessages.send(session, nick + " " + text, receivedNanos);
	}

	public NickChange nick(ClientSession session, String nick) {
		return this.commands.requestNick(session, nick);
	}

	/**
	 * Join a room; the client gets {@link Event.Joined}, the topic and any replay.
	 * @return why not, or null
	 */
	public @Nullable Event join(ClientSession session, String room) {
		if (!ChatCommands.isName(room)) {
			return Event.failure("no room " + ChatCommands.echoed(room));
		}
		return this.entry.join(session, room, null);
	}

	/**
	 * Leave a room (a client that starts in none may leave its last).
	 * @return the reply: information if it left, else an error
	 */
	public Event part(ClientSession session, String room, String reason) {
		return this.entry.part(session, room, reason);
	}

	/**
	 * Set a room's topic (empty clears it).
	 * @return why not, or null
	 */
	public @Nullable Event setTopic(ClientSession session, String room, String text) {
		if (!session.membership().contains(room)) {
			return Event.failure("you are not in room " + room);
		}
		return this.topic.run(session, room, text.isEmpty() ? "-" : text);
	}

	public Event.@Nullable Topic topic(String room) {
		return this.topics.get(room);
	}

	/**
	 * Who is in a room: on every node if the cluster's directory answers, else here; in
	 * order of arrival.
	 */
	public List<String> members(String room) {
		return this.commands.memberNames(room);
	}

	/**
	 * The names ({@link ClientSession#from}) of the room's operators on this node:
	 * whoever made it (its first member), and admin tokens.
	 */
	public Set<String> operators(String room) {
		Set<String> names = new HashSet<>();
		for (ClientSession member : this.rooms.members(room)) {
			if (this.rooms.isOperator(member, room)) {
				names.add(member.from());
			}
		}
		return names;
	}

	/**
	 * Take a client out of a room (the caller must be the room's operator or an admin):
	 * as {@code /kick}.
	 * @return why not, or null
	 */
	public @Nullable Event kick(ClientSession session, String room, String nick, String reason) {
		return this.commands.kick(session, nick, reason, room);
	}

	public boolean isOperator(ClientSession session, String room) {
		return this.rooms.isOperator(session, room);
	}

	public boolean readOnly(String room) {
		return this.messages.readOnly(room);
	}

	/**
	 * Every room with members and how many, by name.
	 */
	public Map<String, Integer> rooms() {
		return this.commands.roomCounts();
	}

	/**
	 * Present a token ({@code switchboard.auth.mode=token}); the outcome reaches the
	 * client as events (a bad token closes it).
	 */
	public void authenticate(ClientSession session, String token) {
		this.auth.intercepts(session, "/auth " + token);
	}

	/**
	 * A door whose clients see joins and leaves opened: relay them from now on, with
	 * {@code announce-presence} off too.
	 */
	public void relayPresence() {
		this.relay.wantPresence();
	}

	/**
	 * Leave every room saying why (an IRC QUIT's message), then close.
	 */
	public void quit(ClientSession session, String message) {
		if (!session.isClosing()) {
			String reason = TerminalSafeText.escape(message);
			for (String room : session.membership().all()) {
				if (this.rooms.leave(session, room)) {
					this.relay.left(session, room, false, true, reason);
				}
			}
			session.membership().clear();
			session.close(CloseReason.QUIT);
		}
	}

	/**
	 * Whether the client may join the room: anyone without tokens; with
	 * {@code auth.mode=token} a client whose token's {@code rooms} cover it (as
	 * {@link #join} decides). IRC keeps the rooms a client may not join secret from it.
	 */
	public boolean mayJoin(ClientSession session, String room) {
		Identity identity = session.identity();
		return (identity != null) ? identity.mayJoin(room) : !this.auth.required();
	}

	public boolean authRequired() {
		return this.auth.required();
	}

}
