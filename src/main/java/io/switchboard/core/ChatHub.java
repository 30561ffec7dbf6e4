package io.switchboard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The broadcast service, and the one contract every door has with the core.
 * <ol>
 * <li><b>Open</b>: a door admits a client with {@link #connect}, handing over its
 * {@link ClientTransport} (how to write to it and close it) and its {@link Dialect} (how
 * it is spoken to); the answer is its {@link ClientSession}, or a refusal in its
 * dialect.</li>
 * <li><b>Receive</b>: each door's Spring Integration flow routes the client's frames
 * here, as messages whose payload is a {@link Frame} and whose {@link #SESSION} header is
 * the session ({@link #handleMessage}); a door with commands of its own (IRC) calls the
 * typed actions ({@link #say}, {@link #join}, {@link #privateMessage}, ...) after
 * {@link #admit}.</li>
 * <li><b>End</b>: the door records why with {@link ClientSession#markClosing}, takes a
 * client told goodbye out of its rooms with {@link #leaveRoom}, and forgets it once its
 * connection is gone with {@link #disconnected}.</li>
 * </ol>
 * The hub admits clients into rooms, runs their commands and fans their messages out to
 * the room's outboxes as events, each rendered once per dialect among the receivers. It
 * never touches a socket, so no client can slow it down.
 */
public class ChatHub implements MessageHandler {

	/**
	 * The header of a frame's message that holds its {@link ClientSession}; a frame
	 * without one (its client refused, or not yet admitted) is dropped.
	 */
	public static final String SESSION = "switchboard_session";

	/**
	 * The header that holds when the frame was read ({@link System#nanoTime}), if the
	 * door knows; else it is taken as read when it arrives here.
	 */
	public static final String RECEIVED_NANOS = "switchboard_receivedNanos";

	/**
	 * The header that names which of the client's rooms a frame is for (a WebSocket json
	 * request's {@code room}), if not the room it writes to.
	 */
	public static final String ROOM = "switchboard_room";

	/** The longest topic, in UTF-8 bytes. */
	public static final int TOPIC_LENGTH = Topics.MAX_BYTES;

	private static final Event SHUTTING_DOWN = Event.info("server shutting down");

	private final ChatProperties properties;

	private final ClientRegistry registry;

	private final LineCodec codec;

	private final SwitchboardMetrics metrics;

	private final Rooms rooms;

	private final Admissions admissions;

	private final ChatMessages messages;

	private final PrivateMessages privateMessages;

	private final RoomSpeech speech;

	private final History history;

	private final RoomRelay relay;

	private final RoomEntry entry;

	private final AuthGate auth;

	private final Topics topics;

	private final TopicCommand topic;

	private final ClusterBridge cluster;

	private final LineDialect lineDialect;

	private final ChatCommands commands;

	private final RoomPublishing publishing;

	private final Bans bans;

	private volatile boolean accepting = true;

	/**
	 * How long a stream client may be connected without saying anything before its rooms
	 * are told it arrived: longer than any HTTP or TLS client takes to send its first
	 * bytes, short enough that someone who only reads shows up at once to a person.
	 */
	static final Duration ARRIVAL_GRACE = Duration.ofSeconds(2);

	private final ScheduledExecutorService scheduler;

	public ChatHub(ChatProperties properties, HistoryProperties historyProperties, LineProperties line, int maxRooms,
			RoomPolicies policies, AuthSettings auth, ClientRegistry registry, LineCodec codec,
			SwitchboardMetrics metrics, ClusterBridge cluster, PrivateMessageProperties privateLimits) {
		this.cluster = cluster;
		this.scheduler = auth.scheduler();
		this.properties = properties;
		this.registry = registry;
		this.codec = codec;
		this.metrics = metrics;
		this.history = new History(historyProperties, policies, this::roomIsLive, System::currentTimeMillis);
		this.rooms = new Rooms(properties.defaultRoom(), this::roomClosed, this::roomCreated,
				policies::firstMemberOperator, policies::namesOperator);
		// The default room is never created nor closed: this node hears it always.
		cluster.roomOpened(properties.defaultRoom());
		this.topics = new Topics(policies, properties.defaultRoom(), System::currentTimeMillis);
		this.relay = new RoomRelay(this.rooms, cluster, this.history, this.topics, () -> this.accepting,
				properties.announcePresence());
		this.publishing = new RoomPublishing(this.rooms, this.relay, cluster, metrics, properties.charset());
		this.entry = new RoomEntry(this.rooms, this.history, this.topics, this.relay, cluster,
				historyProperties.enabled() ? historyProperties.onJoin() : 0, maxRooms, policies);
		this.bans = new Bans(registry, cluster, this.rooms, this.relay, Instant::now);
		this.admissions = new Admissions(properties, registry, metrics, this.rooms, this.entry, auth.required(),
				policies, this.bans);
		this.privateMessages = new PrivateMessages(registry, cluster, metrics, properties.echoToSender(),
				new RecipientLimits(privateLimits, properties.maxMessageBytes()));
		this.topic = new TopicCommand(this.topics, this.relay, policies, this.rooms, cluster);
		this.speech = new RoomSpeech(this.relay, policies, properties.echoToSender(), this.rooms);
		ChatCommands commands = new ChatCommands(this.entry, this.rooms, registry, cluster, properties.maxListEntries(),
				this.privateMessages, this.topic, new Moderation(registry, this.rooms, this.entry, this.bans, cluster),
				this.bans, this.speech);
		this.auth = new AuthGate(auth, this.entry, commands, properties.defaultRoom(), this.bans);
		this.messages = new ChatMessages(commands, this.speech, this.auth);
		this.lineDialect = new LineDialect(codec, properties, line);
		this.commands = commands;
		metrics.gauge("switchboard.rooms", "Rooms with members", this.rooms, (r) -> r.counts().size());
		this.history.registerGauges(metrics);
	}

	/** The line protocol, which the built-in doors speak. */
	public LineDialect lineDialect() {
		return this.lineDialect;
	}

	/** Admit a line-protocol client into the default room and greet it. */
	public Admission connect(Protocol protocol, String remoteAddress, @Nullable String ip, ClientTransport transport) {
		return connect(protocol, remoteAddress, ip, transport, this.lineDialect, null, null);
	}

	/**
	 * Admit a client that speaks {@code dialect} into the default room and greet it; a
	 * refusal comes rendered in its dialect. {@code welcome}, if given, is its second
	 * line (the first without a greeting), before any room line. {@code arrival}, if
	 * given, names another room to start in (and a catch-up).
	 */
	public Admission connect(Protocol protocol, String remoteAddress, @Nullable String ip, ClientTransport transport,
			Dialect dialect, @Nullable OutboundLine welcome, @Nullable Arrival arrival) {
		Admission admission = this.admissions.admit(this.accepting, protocol, remoteAddress, ip, transport, dialect,
				welcome, arrival);
		ClientSession session = admission.session();
		if (session != null) {
			if (session.protocol().isStream()) {
				// Announced at its first message that is chat, or once it has been
				// connected for the grace without being refused: a connection refused as
				// another protocol (curl, a TLS client on the chat port) or a port probe
				// that closes at once is never shown joining and quitting.
				this.scheduler.schedule(() -> announceArrival(session), ARRIVAL_GRACE.toMillis(),
						TimeUnit.MILLISECONDS);
			}
			else {
				announceArrival(session);
			}
			this.auth.admitted(session);
		}
		return admission;
	}

	private void announceArrival(ClientSession session) {
		session.announceArrival(() -> this.entry.arrived(session));
	}

	/** Handle one framed message (a line without its LF, or a datagram's text). */
	public void receive(ClientSession session, byte[] message, long receivedNanos) {
		receive(session, message, receivedNanos, null);
	}

	/**
	 * Handle one framed message for one of the client's rooms ({@code room}, if given;
	 * else the room it writes to): a chat line goes there, and room commands
	 * ({@code /who}, {@code /history}, {@code /topic}) are about it.
	 */
	public void receive(ClientSession session, byte[] message, long receivedNanos, @Nullable String room) {
		if (message.length == 0) {
			if (!session.isClosing()) {
				session.received(0); // a heartbeat: it is alive
			}
			return;
		}
		if (admit(session, message)) {
			this.messages.handle(session, this.codec.decode(message),
					(room != null) ? RoomNames.canonical(room) : session.room(), receivedNanos);
		}
	}

	/**
	 * A frame a door's flow routed here: to the hub if it is within
	 * {@code max-message-bytes}, else refused. A frame without a session (a client
	 * refused, or gone) is dropped: its input is drained and ignored.
	 */
	@Override
	public void handleMessage(Message<?> message) {
		ClientSession session = message.getHeaders().get(SESSION, ClientSession.class);
		if (session == null) {
			return;
		}
		Long receivedNanos = message.getHeaders().get(RECEIVED_NANOS, Long.class);
		Frame frame = (Frame) message.getPayload();
		if (frame.tooLong()) {
			tooLong(session);
		}
		else {
			receive(session, frame.bytes(), (receivedNanos != null) ? receivedNanos : System.nanoTime(),
					message.getHeaders().get(ROOM, String.class));
		}
	}

	/**
	 * Whether the hub handles this message without waiting on anything (no network round
	 * trip, no sleep), so a door may hand it over on its event loop: a chat line, not a
	 * command ({@code /auth} checks a token against a key set fetched over HTTP). In a
	 * cluster too: a chat line goes to Redis without waiting for its answer
	 * ({@link ClusterBridge#publishChat}).
	 */
	public boolean handlesAtOnce(byte[] message) {
		return !this.codec.startsWith(message, '/');
	}

	/**
	 * Whether chat lines and private messages go out without waiting on anything: on a
	 * node alone (in a cluster a private message looks its nick up in Redis).
	 */
	public boolean sendsAtOnce() {
		return this.cluster == ClusterBridge.LOCAL;
	}

	/**
	 * Refuse a message over {@code max-message-bytes}: the sender gets an error and is
	 * disconnected; nobody else notices.
	 */
	public void tooLong(ClientSession session) {
		this.metrics.dropped(CloseReason.TOO_LONG.tag());
		session.close(CloseReason.TOO_LONG,
				Event.failure("message too long (max " + this.properties.maxMessageBytes() + " bytes)"));
	}

	/**
	 * Close a client that started a line and did not end it within
	 * {@code switchboard.tcp.line-timeout} (a slowloris holding its slot byte by byte).
	 */
	public void lineNotFinished(ClientSession session) {
		session.close(CloseReason.LINE_TIMEOUT, Event.failure("line not finished in time"));
	}

	/** Forget a client whose connection has ended. */
	public void disconnected(ClientSession session) {
		if (this.registry.remove(session)) {
			this.cluster.removed(session);
		}
		this.privateMessages.forget(session);
		leaveRoom(session);
	}

	/**
	 * Take a client that has been told goodbye out of its rooms; it stays registered
	 * until its connection is closed.
	 */
	public void leaveRoom(ClientSession session) {
		session.announceDeparture(() -> {
			for (String room : session.membership().all()) {
				if (this.rooms.leave(session, room)) {
					this.relay.left(session, room, false, true,
							(session.closeReason() != null) ? session.closeReason().farewell() : "");
				}
			}
		}, () -> {
			for (String room : session.membership().all()) {
				this.rooms.leave(session, room);
			}
		});
	}

	/** Lines from services (the publish API) and operators: rooms without a client. */
	public RoomPublishing publishing() {
		return this.publishing;
	}

	/** Deliver a private message the cluster routed to this node's {@code clientId}. */
	public void deliverPrivate(String clientId, Event.Private message) {
		this.privateMessages.deliver(clientId, message);
	}

	/**
	 * Disconnect a client for an operator; it gets {@code * disconnected by operator}.
	 */
	public void disconnectByOperator(ClientSession session) {
		session.close(CloseReason.OPERATOR, Event.info("disconnected by operator"));
	}

	/**
	 * Step one of graceful shutdown: refuse new clients and stop broadcasting; then tell
	 * every client.
	 */
	public void stopAccepting() {
		this.accepting = false;
		Set<ClientSession> told = this.relay.shutdownNotice(SHUTTING_DOWN);
		this.registry.all().stream().filter(told::add).forEach((session) -> session.send(SHUTTING_DOWN));
	}

	/**
	 * Forget per-address rate state that no longer matters, history lines past their age
	 * and topics past their rooms; run periodically.
	 */
	public void sweep() {
		this.admissions.sweep();
		this.privateMessages.sweep();
		this.topic.expire();
		this.history.expire();
		this.bans.sweep();
	}

	/** The bans this node enforces (in a cluster, the cluster's). */
	public Bans bans() {
		return this.bans;
	}

	public boolean isAccepting() {
		return this.accepting;
	}

	/** Every room that has members, a topic or history, sorted by name. */
	public List<RoomSummary> rooms() {
		return RoomSummary.of(this.rooms, this.history, this.topics, this.cluster);
	}

	/** A room's last {@code limit} history lines on this node, oldest first. */
	public List<Event.Chat> history(String room, int limit) {
		return this.history.last(room, limit);
	}

	/**
	 * Reload every room of this node from the cluster's store: after the link to it is
	 * (back) up, since this node may have missed lines meanwhile.
	 */
	public void reloadHistory() {
		this.entry.reloadHistory();
	}

	private void roomCreated(String room) {
		this.cluster.roomOpened(room); // before the load: no line between it and the live
										// ones
		this.entry.loadHistory(room);
	}

	private void roomClosed(String room) {
		this.history.roomClosed(room);
		this.cluster.roomClosed(room);
	}

	private boolean roomIsLive(String room) {
		return this.rooms.isLive(room);
	}

	/**
	 * Deliver a room event that came through the cluster to this node's members of the
	 * room, except {@code excludedId}.
	 */
	public void deliverRelayed(String room, @Nullable String excludedId, Event event) {
		this.relay.deliver(room, excludedId, event);
	}

	// Typed actions, for doors whose protocol has commands of its own (IRC): one call per
	// action instead of the line protocol's /commands, with the same rules, limits and
	// fan-out as every other client, and the outcome returned for the door to answer in
	// its
	// own words (numerics). Replies that are events (a join's topic and replay) are still
	// queued to the client, rendered in its dialect.

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
		if (!this.accepting) {
			this.metrics.dropped(CloseReason.SHUTDOWN.tag());
			return false;
		}
		return passesGate(session, message);
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
			Event.Chat.Kind kind) {
		return this.speech.say(session, room, text, receivedNanos, echo, kind);
	}

	/**
	 * As {@link #say(ClientSession, String, String, long, boolean, Event.Chat.Kind)},
	 * with client-only message tags that IRC clients asking for tags get with the line
	 * ({@link Event.Chat#clientTags()}).
	 */
	public @Nullable Event say(ClientSession session, String room, String text, long receivedNanos, boolean echo,
			Event.Chat.Kind kind, String clientTags) {
		return this.speech.say(session, room, text, receivedNanos, echo, kind, clientTags);
	}

	/**
	 * A private message.
	 * @return the sender's copy (if senders get their own), an error, or null
	 */
	public @Nullable Event privateMessage(ClientSession session, String nick, String text, long receivedNanos) {
		return privateMessage(session, nick, text, receivedNanos, false);
	}

	/**
	 * A private message, or a private action ({@code /me} in a conversation, IRC's CTCP
	 * ACTION to a nick) if {@code action}.
	 */
	public @Nullable Event privateMessage(ClientSession session, String nick, String text, long receivedNanos,
			boolean action) {
		return this.privateMessages.send(session, nick + " " + text, receivedNanos, action, "");
	}

	/**
	 * As {@link #privateMessage(ClientSession, String, String, long, boolean)}, with
	 * client-only message tags for an IRC receiver on this node
	 * ({@link Event.Private#clientTags()}).
	 */
	public @Nullable Event privateMessage(ClientSession session, String nick, String text, long receivedNanos,
			boolean action, String clientTags) {
		return this.privateMessages.send(session, nick + " " + text, receivedNanos, action, clientTags);
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
		if (this.rooms.modes(room).topicLocked() && !this.rooms.isOperator(session, room)) {
			return Event.failure("only the operators of room " + room + " set its topic (+t)");
		}
		return this.topic.run(session, room, text.isEmpty() ? "-" : text);
	}

	public Event.@Nullable Topic topic(String room) {
		return this.topics.get(room);
	}

	/**
	 * When a room's topic was set, as this node learned it; null without one.
	 */
	public @Nullable Instant topicSetAt(String room) {
		Long at = this.topics.setAt(room);
		return (at != null) ? Instant.ofEpochMilli(at) : null;
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

	/**
	 * Join a room with its key ({@code +k}), as IRC's {@code JOIN #room key} does.
	 * @return why not, or null
	 */
	public @Nullable Event join(ClientSession session, String room, @Nullable String key) {
		if (!ChatCommands.isName(room)) {
			return Event.failure("no room " + ChatCommands.echoed(room));
		}
		return this.entry.join(session, room, null, key);
	}

	/** A room's modes ({@link RoomModes#DEFAULT} if it does not exist here). */
	public RoomModes modes(String room) {
		return this.rooms.modes(room);
	}

	/**
	 * Change a room's modes; the caller checked the client may.
	 * @return false if the room does not exist here
	 */
	public boolean changeModes(String room, UnaryOperator<RoomModes> change) {
		return this.rooms.changeModes(room, change);
	}

	/**
	 * When the room was created here, in seconds since the epoch; 0 if it does not exist.
	 */
	public long created(String room) {
		return this.rooms.created(room);
	}

	/**
	 * Make a member of the room its operator, or no longer ({@code +o}/{@code -o}).
	 * @return false if it is not a member here
	 */
	public boolean operator(ClientSession member, String room, boolean operator) {
		return this.rooms.operator(member, room, operator);
	}

	/**
	 * Voice a member of the room, or no longer ({@code +v}/{@code -v}).
	 * @return false if it is not a member here
	 */
	public boolean voice(ClientSession member, String room, boolean voiced) {
		return this.rooms.voice(member, room, voiced);
	}

	/** The names ({@link ClientSession#from}) of the room's voiced members here. */
	public Set<String> voiced(String room) {
		Set<String> names = new HashSet<>();
		for (ClientSession member : this.rooms.members(room)) {
			if (this.rooms.isVoiced(member, room)) {
				names.add(member.from());
			}
		}
		return names;
	}

	/**
	 * Invite a nick into a room: it may join once, whatever {@code +i}.
	 * @return false if the room does not exist here
	 */
	public boolean invite(String room, String nick) {
		return this.rooms.invite(room, nick);
	}

	public boolean readOnly(String room) {
		return this.speech.readOnly(room);
	}

	/**
	 * Every room with members and how many, by name.
	 */
	public Map<String, Integer> roomCounts() {
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
		leaveAndClose(session, message, CloseReason.QUIT, null);
	}

	/**
	 * Disconnect a client for a server operator (IRC's {@code KILL}): its rooms are told
	 * {@code message} as its quit reason, and it gets {@code message} as an error.
	 */
	public void kill(ClientSession session, String message) {
		leaveAndClose(session, message, CloseReason.OPERATOR, Event.failure(message));
	}

	private void leaveAndClose(ClientSession session, String message, CloseReason closeReason, @Nullable Event last) {
		if (!session.isClosing()) {
			String reason = TerminalSafeText.escape(message);
			for (String room : session.membership().all()) {
				if (this.rooms.leave(session, room)) {
					this.relay.left(session, room, false, true, reason);
				}
			}
			session.membership().clear();
			if (last != null) {
				session.close(closeReason, last);
			}
			else {
				session.close(closeReason);
			}
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

	/**
	 * What a message must pass before the hub reads it: a stream's first message must not
	 * be another protocol (HTTP, TLS) knocking on the chat port, and every message must
	 * be within the sender's flood allowance.
	 * @return true if the message goes on; false if it was refused (the sender has been
	 * told, or closed)
	 */
	private boolean passesGate(ClientSession session, byte[] message) {
		if (session.takeFirstMessage() && session.protocol().isStream()) {
			ForeignProtocol foreign = ForeignProtocol.recognise(message);
			if (foreign != null) {
				// Closed with FIN like a too-long line; what it sends meanwhile is
				// ignored.
				session.close(CloseReason.NOT_CHAT, foreign.answer());
				return false;
			}
			announceArrival(session); // chat: shown before what it says
		}
		return session.admit(message.length);
	}

}
