package io.switchboard.core;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One connected client (a TCP connection or a verified UDP peer): identity, room, nick,
 * counters and its outbox.
 */
public final class ClientSession {

	private static final Log logger = LogFactory.getLog(ClientSession.class);

	private final String id;

	private final Protocol protocol;

	private final String remoteAddress;

	/** What it is called while it has no nick ({@link AnonymousNames}). */
	private final String anonymousName;

	private final @Nullable String ip;

	private final FloodGate flood;

	private final Instant connectedAt = Instant.now();

	private final ClientTransport transport;

	private final ClientOutbox outbox;

	private final SwitchboardMetrics metrics;

	private final Dialect dialect;

	private static final Event TOO_SLOW = Event.failure("too slow, disconnected");

	private static final Event SLOW_DOWN = Event.failure("slow down");

	private static final Event FLOODING = Event.failure("flooding, disconnected");

	private final AtomicReference<@Nullable CloseReason> closeReason = new AtomicReference<>();

	private final ClientTraffic traffic = new ClientTraffic();

	private volatile boolean firstMessageTaken;

	/**
	 * Whether its rooms were told it arrived ({@link #ANNOUNCED}), are still to be
	 * ({@link #UNANNOUNCED}) or never will be ({@link #WITHHELD}: it left first). Guarded
	 * by this session's monitor, which guards nothing else.
	 */
	private int presence = UNANNOUNCED;

	private static final int UNANNOUNCED = 0;

	private static final int ANNOUNCED = 1;

	private static final int WITHHELD = 2;

	private volatile @Nullable String nick;

	private volatile @Nullable Identity identity;

	private volatile boolean serverOperator;

	private final RoomMembership rooms;

	ClientSession(String id, Protocol protocol, String remoteAddress, @Nullable String ip, String room,
			ClientTransport transport, ClientProperties limits, OutboxBudget.Account budget, Executor executor,
			SwitchboardMetrics metrics, Dialect dialect, FloodGate flood, String anonymousName) {
		this.id = id;
		this.anonymousName = anonymousName;
		this.protocol = protocol;
		this.remoteAddress = remoteAddress;
		this.ip = ip;
		this.flood = flood;
		this.rooms = new RoomMembership(room);
		this.transport = transport;
		this.metrics = metrics;
		this.dialect = dialect;
		this.outbox = new ClientOutbox(limits.outboxBytes().toBytes(), limits.outboxHardLimit(),
				limits.writeLinger().toNanos(), budget, executor, transport, new SessionOutboxEvents(this, metrics));
	}

	public String id() {
		return this.id;
	}

	public Protocol protocol() {
		return this.protocol;
	}

	/**
	 * The peer as {@code ip:port}.
	 */
	public String remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * How others see this client: its nick if set, else {@code ip:port}, or its id where
	 * the address must stay hidden ({@link Protocol#showsAddress()}).
	 */
	public String from() {
		String current = this.nick;
		if (current != null) {
			return current;
		}
		return this.anonymousName;
	}

	/**
	 * What it is called while it has no nick ({@link AnonymousNames}).
	 */
	String anonymousName() {
		return this.anonymousName;
	}

	public @Nullable String nick() {
		return this.nick;
	}

	void nick(@Nullable String nick) {
		this.nick = nick;
	}

	/**
	 * Who it proved to be with a token; null before (or without token authentication).
	 */
	public @Nullable Identity identity() {
		return this.identity;
	}

	public void identity(Identity identity) {
		this.identity = identity;
	}

	/**
	 * Whether the client is a server operator: its token has the {@code admin} claim, or
	 * it was made one (an IRC {@code OPER}). A server operator is an operator of every
	 * room.
	 */
	public boolean isServerOperator() {
		Identity current = this.identity;
		return this.serverOperator || (current != null && current.admin());
	}

	/**
	 * Make the client a server operator, or no longer one (an admin token stays one).
	 */
	public void serverOperator(boolean operator) {
		this.serverOperator = operator;
	}

	/**
	 * The client's IP address; null for Unix sockets.
	 */
	public @Nullable String ip() {
		return this.ip;
	}

	/**
	 * The flood gate every door's messages pass, whatever they carry (a chat line, a
	 * command, an IRC target after the first, a WebSocket ping or an invalid frame):
	 * whether a message of this many bytes is within the client's rates
	 * ({@code switchboard.client.rate}, {@code burst}, {@code byte-rate},
	 * {@code byte-burst}). A client over them is told to slow down, and one that keeps
	 * flooding is disconnected; either way the message is counted as dropped.
	 * @return true if the message may go on
	 */
	public boolean admit(int length) {
		FloodVerdict verdict = this.flood.admit(System.nanoTime(), length);
		if (verdict == FloodVerdict.PASS) {
			return true;
		}
		this.metrics.dropped(CloseReason.FLOOD.tag());
		if (verdict == FloodVerdict.REFUSE_AND_WARN) {
			send(SLOW_DOWN);
		}
		else if (verdict == FloodVerdict.DISCONNECT) {
			close(CloseReason.FLOOD, FLOODING);
		}
		return false;
	}

	/**
	 * The room this client writes to (its only room, unless its dialect joins several).
	 */
	public String room() {
		return this.rooms.current();
	}

	/**
	 * The rooms this client is in.
	 */
	public RoomMembership membership() {
		return this.rooms;
	}

	/**
	 * What this client sent and was sent, and when it was last heard from.
	 */
	public ClientTraffic traffic() {
		return this.traffic;
	}

	public Instant connectedAt() {
		return this.connectedAt;
	}

	public long outboxBytes() {
		return this.outbox.queuedBytes();
	}

	/**
	 * Whether everything queued for this client has been written.
	 */
	public boolean isDrained() {
		return this.outbox.isIdle();
	}

	/**
	 * Count an inbound message (or heartbeat) and mark the client active.
	 */
	public void received(int bytes) {
		this.traffic.received(bytes);
		this.metrics.received(this.protocol, bytes);
	}

	/**
	 * Tell its rooms it arrived, unless they were told already or it has left (or is
	 * leaving): {@code announce} runs at most once, and never after
	 * {@link #announceDeparture}'s.
	 */
	synchronized void announceArrival(Runnable announce) {
		if (this.presence == UNANNOUNCED && !isClosing()) {
			this.presence = ANNOUNCED;
			announce.run();
		}
	}

	/**
	 * Take it out of its rooms: {@code announce} (leave, telling the rooms) if they were
	 * told it arrived, else {@code quietly} (leave, telling nobody: it never showed).
	 */
	synchronized void announceDeparture(Runnable announce, Runnable quietly) {
		if (this.presence == ANNOUNCED) {
			announce.run();
		}
		else {
			this.presence = WITHHELD;
			quietly.run();
		}
	}

	/**
	 * Whether this is the first call: true once, for the session's first message. Called
	 * only from the session's reader.
	 */
	public boolean takeFirstMessage() {
		if (this.firstMessageTaken) {
			return false;
		}
		this.firstMessageTaken = true;
		return true;
	}

	/**
	 * How this client is spoken to.
	 */
	public Dialect dialect() {
		return this.dialect;
	}

	/**
	 * Queue an event for this client, rendered in its dialect; never blocks.
	 * @return false if it was not queued (closing, or the outbox overflowed)
	 */
	public boolean send(Event event) {
		boolean queued = true;
		for (OutboundLine line : this.dialect.renderAll(event)) {
			queued &= deliver(line);
		}
		return queued;
	}

	/**
	 * Queue an event rendered for many clients at once, in this client's dialect.
	 * @return false if it was not queued
	 */
	public boolean send(RenderedEvent event) {
		if (this.dialect.repeats(event.event())) {
			return true; // told already: nothing to queue
		}
		return deliver(event.in(this.dialect));
	}

	/**
	 * Queue an event rendered for many clients at once, from this client's own event loop
	 * as it applies its room's share ({@link RoomShares}).
	 */
	void sendOnLoop(RenderedEvent event) {
		if (!this.dialect.repeats(event.event())) {
			this.outbox.offerOnLoop(event.in(this.dialect));
		}
	}

	/**
	 * Queue a line already in this client's wire format; never blocks.
	 * @return false if it was not queued (closing, or the outbox overflowed)
	 */
	public boolean deliver(OutboundLine line) {
		return this.outbox.offer(line);
	}

	/**
	 * Whether the session is ending; messages it still sends are ignored.
	 */
	public boolean isClosing() {
		return this.closeReason.get() != null;
	}

	/** The reason recorded by the first close, abort or {@link #markClosing}, if any. */
	public @Nullable CloseReason closeReason() {
		return this.closeReason.get();
	}

	/**
	 * Record why the session ends, if no reason was recorded yet.
	 * @return true if this call recorded it
	 */
	public boolean markClosing(CloseReason reason) {
		return this.closeReason.compareAndSet(null, reason);
	}

	/** Send what is queued, then end the connection cleanly. */
	public void close(CloseReason reason) {
		close(reason, (OutboundLine) null);
	}

	/**
	 * Send what is queued, then {@code last} in this client's dialect, then end the
	 * connection cleanly.
	 */
	public void close(CloseReason reason, Event last) {
		close(reason, this.dialect.render(last));
	}

	/**
	 * Send what is queued, then {@code lastLine} if given, then end the connection
	 * cleanly.
	 */
	public void close(CloseReason reason, @Nullable OutboundLine lastLine) {
		if (markClosing(reason)) {
			this.outbox.closeThen(false, lastLine, this.transport::closeGracefully);
		}
	}

	/**
	 * End the connection now, e.g. when a write is stuck.
	 */
	public void abort(CloseReason reason) {
		markClosing(reason);
		this.outbox.closeThen(true, null, () -> {
		});
		this.transport.abort();
	}

	ClientTransport transport() {
		return this.transport;
	}

	ClientOutbox outbox() {
		return this.outbox;
	}

	/** Cut a client that cannot keep up: drop its backlog, tell it if it can, close. */
	void disconnectSlowConsumer(String why) {
		if (markClosing(CloseReason.SLOW_CONSUMER)) {
			logger.info("Disconnecting slow consumer " + this + ": " + why);
			this.outbox.closeThen(true, this.dialect.render(TOO_SLOW), this.transport::closeGracefully);
		}
	}

	@Override // for logs
	public String toString() {
		return this.id + "(" + this.protocol.tag() + " " + this.remoteAddress + ")";
	}

}
