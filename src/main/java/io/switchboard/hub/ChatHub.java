package io.switchboard.hub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.client.AddressPrefix;
import io.switchboard.client.ClientRegistry;
import io.switchboard.client.ClientSession;
import io.switchboard.client.ClientTransport;
import io.switchboard.client.CloseReason;
import io.switchboard.client.IpRateLimiter;
import io.switchboard.client.LineCodec;
import io.switchboard.client.Opening;
import io.switchboard.client.OutboundLine;
import io.switchboard.client.Protocol;
import io.switchboard.client.SwitchboardMetrics;
import org.jspecify.annotations.Nullable;

/**
 * The broadcast service every inbound adapter routes to: admits clients into rooms, runs
 * their commands and fans their messages out to the room's outboxes. It never touches a
 * socket, so no client can slow it down.
 */
public class ChatHub {

	private final ChatProperties properties;

	private final ClientRegistry registry;

	private final LineCodec codec;

	private final SwitchboardMetrics metrics;

	private final Rooms rooms;

	private final MessageFormat chatLine;

	private final MessageFormat greeting;

	private final ChatCommands commands;

	private final OutboundLine fullLine;

	private final OutboundLine ipLimitLine;

	private final OutboundLine slowDownLine;

	private final OutboundLine acceptRateLine;

	private final IpRateLimiter acceptRate;

	private final OutboundLine floodLine;

	private final OutboundLine shuttingDownLine;

	private final OutboundLine quitLine;

	private final OutboundLine lineNotFinishedLine;

	private final ClusterBridge cluster;

	private volatile boolean accepting = true;

	public ChatHub(ChatProperties properties, ClientRegistry registry, LineCodec codec, SwitchboardMetrics metrics,
			ClusterBridge cluster) {
		this.cluster = cluster;
		this.properties = properties;
		this.registry = registry;
		this.codec = codec;
		this.metrics = metrics;
		this.rooms = new Rooms(properties.defaultRoom());
		this.chatLine = new MessageFormat(properties.format(), properties.zoneId());
		this.greeting = new MessageFormat(properties.greeting(), properties.zoneId());
		this.commands = new ChatCommands(this, this.rooms, registry, codec, cluster, properties.maxListEntries());
		this.fullLine = codec.reply("ERR server full");
		this.ipLimitLine = codec
			.reply("ERR too many connections from your address (max " + registry.maxClientsPerIp() + ")");
		this.slowDownLine = codec.reply("ERR slow down");
		this.acceptRateLine = codec.reply("ERR too many connections, slow down");
		this.acceptRate = new IpRateLimiter(properties.acceptRatePerIp());
		this.floodLine = codec.reply("ERR flooding, disconnected");
		this.shuttingDownLine = codec.reply("ERR server shutting down");
		this.quitLine = codec.reply("* bye");
		this.lineNotFinishedLine = codec.reply("ERR line not finished in time");
		metrics.gauge("switchboard.rooms", "Rooms with members", this.rooms, (r) -> r.counts().size());
	}

	/**
	 * Admit a client into the default room and greet it.
	 */
	public Admission connect(Protocol protocol, String remoteAddress, @Nullable String ip, ClientTransport transport) {
		return connect(protocol, remoteAddress, ip, transport, null);
	}

	/**
	 * Admit a client into the default room and greet it; {@code welcome}, if given, is
	 * its second line (the first without a greeting), before any room line.
	 */
	public Admission connect(Protocol protocol, String remoteAddress, @Nullable String ip, ClientTransport transport,
			@Nullable OutboundLine welcome) {
		if (!this.accepting) {
			return new Admission(null, this.shuttingDownLine);
		}
		if (ip != null && !this.acceptRate.tryAcquire(AddressPrefix.rateKey(ip))) {
			this.metrics.closed(protocol, CloseReason.ACCEPT_RATE);
			return new Admission(null, this.acceptRateLine);
		}
		Opening opening = this.registry.open(protocol, remoteAddress, ip, this.properties.defaultRoom(), transport);
		ClientSession session = opening.session();
		if (session == null) {
			OutboundLine refusal = switch (opening.refusal()) {
				case IP_LIMIT -> this.ipLimitLine;
				case PREFIX_LIMIT -> this.codec.reply("ERR too many connections from your network (max "
						+ this.registry.maxClientsPerPrefix(ip) + ")");
				case null, default -> this.fullLine;
			};
			return new Admission(null, refusal);
		}
		// The greeting is the first line a client sees, and once it has it, it is a
		// member.
		this.rooms.join(session, session.room(), () -> {
			if (!this.properties.greeting().isEmpty()) {
				session.deliver(this.codec.reply(this.greeting.render(session.from(), "", session.room())));
			}
			if (welcome != null) {
				session.deliver(welcome);
			}
		});
		this.cluster.updated(session);
		announce(session, "joined");
		return new Admission(session, null);
	}

	/**
	 * Handle one framed message (a line without its LF, or a datagram's text).
	 */
	public void receive(ClientSession session, byte[] message, long receivedNanos) {
		if (session.isClosing()) {
			return;
		}
		session.received(message.length);
		if (!this.accepting) {
			this.metrics.dropped(CloseReason.SHUTDOWN.tag());
			return;
		}
		if (message.length == 0) {
			return; // a heartbeat
		}
		if (session.takeFirstMessage() && session.protocol().isStream()) {
			ForeignProtocol foreign = ForeignProtocol.recognise(message);
			if (foreign != null) {
				// Closed with FIN like a too-long line; what it sends meanwhile is
				// ignored.
				session.close(CloseReason.NOT_CHAT, foreign.answer());
				return;
			}
		}
		switch (session.admitMessage(message.length)) {
			case PASS -> {
			}
			case REFUSE -> {
				this.metrics.dropped(CloseReason.FLOOD.tag());
				return;
			}
			case REFUSE_AND_WARN -> {
				this.metrics.dropped(CloseReason.FLOOD.tag());
				session.deliver(this.slowDownLine);
				return;
			}
			case DISCONNECT -> {
				this.metrics.dropped(CloseReason.FLOOD.tag());
				session.close(CloseReason.FLOOD, this.floodLine);
				return;
			}
		}
		String text = this.codec.decode(message);
		if (text.equals("quit") || text.equals("/quit")) {
			session.close(CloseReason.QUIT, this.quitLine);
		}
		else if (text.startsWith("/")) {
			this.commands.run(session, text);
		}
		else {
			broadcast(session, text, receivedNanos);
		}
	}

	/**
	 * Refuse a message over {@code max-message-bytes}: the sender gets an error and is
	 * disconnected; nobody else notices.
	 */
	public void tooLong(ClientSession session) {
		this.metrics.dropped(CloseReason.TOO_LONG.tag());
		session.close(CloseReason.TOO_LONG,
				this.codec.reply("ERR message too long (max " + this.properties.maxMessageBytes() + " bytes)"));
	}

	/**
	 * Close a client that started a line and did not end it within
	 * {@code switchboard.tcp.line-timeout} (a slowloris holding its slot byte by byte).
	 */
	public void lineNotFinished(ClientSession session) {
		session.close(CloseReason.LINE_TIMEOUT, this.lineNotFinishedLine);
	}

	/**
	 * Forget a client whose connection has ended.
	 */
	public void disconnected(ClientSession session) {
		if (this.registry.remove(session)) {
			this.cluster.removed(session);
		}
		leaveRoom(session);
	}

	/**
	 * Take a client that has been told goodbye out of its room; it stays registered until
	 * its connection is closed.
	 */
	public void leaveRoom(ClientSession session) {
		if (this.rooms.leave(session, session.room())) {
			announce(session, "left");
		}
	}

	/**
	 * Send {@code * [operator] text} to one room or, if {@code room} is null, to
	 * everyone.
	 * @return how many clients of this node it was queued for, or -1 if it went through
	 * the cluster (each node then delivers its own)
	 */
	public int operatorMessage(String text, @Nullable String room) {
		OutboundLine line = this.codec.reply("* [operator] " + TerminalSafeText.escape(text));
		if (this.cluster.publishOperator(room, line)) {
			return -1;
		}
		return deliverOperatorMessage(line, room);
	}

	/**
	 * Deliver an operator message to this node's clients.
	 * @return how many clients it was queued for
	 */
	public int deliverOperatorMessage(OutboundLine line, @Nullable String room) {
		AtomicInteger queued = new AtomicInteger();
		for (String name : (room != null) ? Set.of(room) : this.rooms.names()) {
			this.rooms.forEachMember(name, (member) -> {
				if (member.deliver(line)) {
					queued.incrementAndGet();
				}
			});
		}
		return queued.get();
	}

	/**
	 * Disconnect a client on an operator's request; it first gets
	 * {@code * disconnected by operator}.
	 */
	public void disconnectByOperator(ClientSession session) {
		session.close(CloseReason.OPERATOR, this.codec.reply("* disconnected by operator"));
	}

	/**
	 * Step one of graceful shutdown: refuse new clients and stop broadcasting; then tell
	 * every client.
	 */
	public void stopAccepting() {
		this.accepting = false;
		OutboundLine notice = this.codec.reply("* server shutting down");
		Set<ClientSession> told = ConcurrentHashMap.newKeySet();
		// Room by room under the room's lock, so the notice is the last line of each
		// room.
		for (String room : this.rooms.names()) {
			this.rooms.forEachMember(room, (member) -> {
				if (told.add(member)) {
					member.deliver(notice);
				}
			});
		}
		this.registry.all().stream().filter(told::add).forEach((session) -> session.deliver(notice));
	}

	/**
	 * Forget per-address rate state that no longer matters; run periodically.
	 */
	public void sweepRateLimits() {
		this.acceptRate.sweep();
	}

	public boolean isAccepting() {
		return this.accepting;
	}

	void moveTo(ClientSession session, String room) {
		String previous = session.room();
		if (previous.equals(room)) {
			return;
		}
		announce(session, "left");
		this.rooms.leave(session, previous);
		session.room(room);
		this.rooms.join(session, room);
		this.cluster.updated(session);
		announce(session, "joined");
	}

	private void broadcast(ClientSession sender, String text, long receivedNanos) {
		String room = sender.room();
		OutboundLine line = new OutboundLine(
				this.codec.encodeLine(this.chatLine.render(sender.from(), TerminalSafeText.escape(text), room)),
				receivedNanos);
		relay(room, this.properties.echoToSender() ? null : sender.id(), line);
	}

	private void announce(ClientSession subject, String what) {
		if (this.properties.announcePresence()) {
			relay(subject.room(), subject.id(), this.codec.reply("* " + subject.from() + " " + what));
		}
	}

	/**
	 * Through the cluster if there is one (every node, this one included, delivers what
	 * comes back from it, in the cluster's order), else straight to the local members.
	 */
	private void relay(String room, @Nullable String excludedId, OutboundLine line) {
		if (!this.cluster.publish(room, excludedId, line)) {
			deliverRelayed(room, excludedId, line);
		}
	}

	/**
	 * Deliver a room line to this node's members of the room, except {@code excludedId}.
	 * Checks the server is still accepting under the room's lock: stopAccepting() queues
	 * its notice under the same lock, so no broadcast lands after the notice.
	 */
	public void deliverRelayed(String room, @Nullable String excludedId, OutboundLine line) {
		this.rooms.forEachMember(room, () -> this.accepting, (member) -> {
			if (excludedId == null || !excludedId.equals(member.id())) {
				member.deliver(line);
			}
		});
	}

}
