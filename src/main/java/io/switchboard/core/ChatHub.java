package io.switchboard.core;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The broadcast service every inbound adapter routes to: admits clients into rooms, runs
 * their commands and fans their messages out to the room's outboxes as events, each
 * rendered once per dialect among the receivers. It never touches a socket, so no client
 * can slow it down.
 */
public class ChatHub {

	private static final Event SHUTTING_DOWN = Event.info("server shutting down");

	private final ChatProperties properties;

	private final ClientRegistry registry;

	private final LineCodec codec;

	private final SwitchboardMetrics metrics;

	private final Rooms rooms;

	private final Admissions admissions;

	private final ChatMessages messages;

	private final PrivateMessages privateMessages;

	private final History history;

	private final RoomRelay relay;

	private final RoomEntry entry;

	private final AuthGate auth;

	private final Topics topics;

	private final TopicCommand topic;

	private final ClusterBridge cluster;

	private final LineDialect lineDialect;

	private final ChatActions actions;

	private final RoomPublishing publishing;

	private final Bans bans;

	private volatile boolean accepting = true;

	public ChatHub(ChatProperties properties, HistoryProperties historyProperties, LineProperties line, int maxRooms,
			RoomPolicies policies, AuthSettings auth, ClientRegistry registry, LineCodec codec,
			SwitchboardMetrics metrics, ClusterBridge cluster, PrivateMessageProperties privateLimits) {
		this.cluster = cluster;
		this.properties = properties;
		this.registry = registry;
		this.codec = codec;
		this.metrics = metrics;
		this.history = new History(historyProperties, policies, this::roomIsLive, System::currentTimeMillis);
		this.rooms = new Rooms(properties.defaultRoom(), this.history::roomClosed, this::loadHistory,
				policies::firstMemberOperator);
		this.topics = new Topics(policies, properties.defaultRoom(), System::currentTimeMillis);
		this.relay = new RoomRelay(this.rooms, cluster, this.history, this.topics, () -> this.accepting,
				properties.announcePresence());
		this.publishing = new RoomPublishing(this.rooms, this.relay, cluster, metrics, properties.charset());
		this.entry = new RoomEntry(this.rooms, this.history, this.topics, this.relay, cluster,
				historyProperties.enabled() ? historyProperties.onJoin() : 0, maxRooms, policies);
		this.bans = new Bans(registry, cluster, this.rooms, this.relay, java.time.Instant::now);
		this.admissions = new Admissions(properties, registry, metrics, this.rooms, this.entry, auth.required(),
				policies, this.bans);
		this.privateMessages = new PrivateMessages(registry, cluster, metrics, properties.echoToSender(),
				new RecipientLimits(privateLimits, properties.maxMessageBytes()));
		this.topic = new TopicCommand(this.topics, this.relay, policies, this.rooms, cluster);
		ChatCommands commands = new ChatCommands(this.entry, this.rooms, registry, cluster, properties.maxListEntries(),
				this.privateMessages, this.topic,
				new Moderation(registry, this.rooms, this.relay, this.entry, this.bans, cluster), this.bans);
		this.auth = new AuthGate(auth, this.entry, commands, properties.defaultRoom(), this.bans);
		this.messages = new ChatMessages(commands, this.relay, properties.echoToSender(), this.auth, policies);
		this.lineDialect = new LineDialect(codec, properties, line);
		this.actions = new ChatActions(this.messages, commands, this.entry, this.privateMessages, this.topic,
				this.topics, this.rooms, new InboundGate(), this.auth, metrics, () -> this.accepting, this.relay);
		metrics.gauge("switchboard.rooms", "Rooms with members", this.rooms, (r) -> r.counts().size());
		this.history.registerGauges(metrics);
	}

	/** The line protocol, which the built-in doors speak. */
	public LineDialect lineDialect() {
		return this.lineDialect;
	}

	/** Typed actions for doors with commands of their own (IRC). */
	public ChatActions actions() {
		return this.actions;
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
			this.entry.arrived(session);
			this.auth.admitted(session);
		}
		return admission;
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
		if (this.actions.admit(session, message)) {
			this.messages.handle(session, this.codec.decode(message),
					(room != null) ? RoomNames.canonical(room) : session.room(), receivedNanos);
		}
	}

	/**
	 * Whether the hub handles this message without waiting on anything (no network round
	 * trip, no sleep), so a door may hand it over on its event loop: a chat line, not a
	 * command ({@code /auth} checks a token against a key set fetched over HTTP), while
	 * {@link #sendsAtOnce}.
	 */
	public boolean handlesAtOnce(byte[] message) {
		return sendsAtOnce() && !this.codec.startsWith(message, '/');
	}

	/**
	 * Whether chat lines and private messages go out without waiting on anything: on a
	 * node alone (in a cluster they go through Redis).
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
		for (String room : session.membership().all()) {
			if (this.rooms.leave(session, room)) {
				this.relay.left(session, room, false, true,
						(session.closeReason() != null) ? session.closeReason().farewell() : "");
			}
		}
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

	private void loadHistory(String room) {
		this.entry.loadHistory(room);
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

}
