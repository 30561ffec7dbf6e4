package io.switchboard.client;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The table of connected clients, TCP and UDP together: admission against
 * {@code switchboard.max-clients}, lookup by id, unique nicks. Lock-free; the seeds'
 * single lock around the client table is what this replaces.
 */
public final class ClientRegistry {

	private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

	private final Map<String, ClientSession> nicks = new ConcurrentHashMap<>();

	private final Map<Protocol, AtomicInteger> counts = new EnumMap<>(Protocol.class);

	private final AtomicInteger admitted = new AtomicInteger();

	private final AtomicLong ids = new AtomicLong();

	private final int maxClients;

	private final ClientProperties properties;

	private final Executor executor;

	private final SwitchboardMetrics metrics;

	private final OutboundLine tooSlowLine;

	public ClientRegistry(int maxClients, ClientProperties properties, LineCodec codec, Executor executor,
			SwitchboardMetrics metrics) {
		this.maxClients = maxClients;
		this.properties = properties;
		this.executor = executor;
		this.metrics = metrics;
		this.tooSlowLine = codec.reply("ERR too slow, disconnected");
		for (Protocol protocol : Protocol.values()) {
			this.counts.put(protocol, new AtomicInteger());
		}
		metrics.gaugePerProtocol("switchboard.clients", "Connected clients", this,
				(protocol) -> (registry) -> registry.count(protocol));
	}

	/**
	 * Admit a new client unless the server is full.
	 * @param room the room it starts in
	 * @return the session, or empty if {@code max-clients} is reached (counted as closed
	 * with reason {@code full})
	 */
	public Optional<ClientSession> open(Protocol protocol, String remoteAddress, String room,
			ClientTransport transport) {
		if (this.admitted.incrementAndGet() > this.maxClients) {
			this.admitted.decrementAndGet();
			this.metrics.closed(protocol, CloseReason.FULL);
			return Optional.empty();
		}
		String id = protocol.tag() + "-" + this.ids.incrementAndGet();
		ClientSession session = new ClientSession(id, protocol, remoteAddress, room, transport,
				this.properties.outboxBytes().toBytes(), this.executor, this.metrics, this.tooSlowLine);
		this.sessions.put(id, session);
		this.counts.get(protocol).incrementAndGet();
		this.metrics.opened(protocol);
		return Optional.of(session);
	}

	/**
	 * Forget a client that has gone, releasing its nick.
	 * @return false if it was already removed
	 */
	public boolean remove(ClientSession session) {
		if (this.sessions.remove(session.id(), session)) {
			String nick = session.nick();
			if (nick != null) {
				this.nicks.remove(key(nick), session);
			}
			this.counts.get(session.protocol()).decrementAndGet();
			this.admitted.decrementAndGet();
			CloseReason reason = session.closeReason();
			this.metrics.closed(session.protocol(), (reason != null) ? reason : CloseReason.EOF);
			return true;
		}
		return false;
	}

	/**
	 * Give a client a nick, unique ignoring case.
	 * @return false if another client has it
	 */
	public boolean claimNick(ClientSession session, String nick) {
		ClientSession holder = this.nicks.putIfAbsent(key(nick), session);
		if (holder != null && holder != session) {
			return false;
		}
		String previous = session.nick();
		if (previous != null && !key(previous).equals(key(nick))) {
			this.nicks.remove(key(previous), session);
		}
		session.nick(nick);
		return true;
	}

	public @Nullable ClientSession find(String id) {
		return this.sessions.get(id);
	}

	public Collection<ClientSession> all() {
		return this.sessions.values();
	}

	/**
	 * All clients ordered by id number, for listings.
	 */
	public List<ClientSession> listing() {
		return this.sessions.values()
			.stream()
			.sorted(Comparator.comparing(ClientSession::connectedAt).thenComparing(ClientSession::id))
			.toList();
	}

	public int count() {
		return this.sessions.size();
	}

	public int count(Protocol protocol) {
		return this.counts.get(protocol).get();
	}

	private static String key(String nick) {
		return nick.toLowerCase(Locale.ROOT);
	}

}
