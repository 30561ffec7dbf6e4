package io.switchboard.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

	private final Map<Protocol, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final AtomicInteger admitted = new AtomicInteger();

	private final AtomicLong ids = new AtomicLong();

	private final int maxClients;

	private final AddressSlots addressSlots;

	private final ClientProperties properties;

	private final Executor executor;

	private final SwitchboardMetrics metrics;

	private final String idSuffix;

	private final Naming naming;

	/**
	 * Clients shown by a guest name, by that name: {@code /msg guest-17} reaches one
	 * while it has no nick, as {@code /msg udp-3} does by id.
	 */
	private final Map<String, ClientSession> guests = new ConcurrentHashMap<>();

	private final ServerStalls stalls;

	private final long byteBurst;

	private final AuditLog audit;

	private final OutboxBudget budget;

	/**
	 * @param maxMessageBytes the longest message: the byte burst is never less, so one
	 * such message always passes flood control
	 * @param stalls the server's own stalls, credited to flood control
	 * @param idSuffix appended to every client id ({@code tcp-7} + suffix)
	 * @param audit where each admitted client's open and close is logged
	 */
	public ClientRegistry(int maxClients, AddressLimits addressLimits, int maxMessageBytes, ClientProperties properties,
			Executor executor, SwitchboardMetrics metrics, ServerStalls stalls, String idSuffix, AuditLog audit,
			Naming naming) {
		this.audit = audit;
		this.naming = naming;
		this.idSuffix = idSuffix;
		this.stalls = stalls;
		this.byteBurst = Math.max(maxMessageBytes, properties.byteBurst().toBytes());
		this.maxClients = maxClients;
		this.addressSlots = new AddressSlots(addressLimits.perIp(), addressLimits.perIpv4Prefix(),
				addressLimits.perIpv6Prefix());
		this.properties = properties;
		this.executor = executor;
		this.metrics = metrics;
		this.budget = new OutboxBudget(properties.outputBudgetTotalBytes(), properties.outputBudgetPerAddressBytes(),
				executor, metrics);
		this.budget.sessions(this.sessions::values);
		// The built-in doors' gauges exist from the start (at 0); a new door's from its
		// first client.
		for (Protocol protocol : new Protocol[] { Protocol.TCP, Protocol.UDP, Protocol.UNIX_STREAM,
				Protocol.UNIX_DATAGRAM }) {
			counter(protocol);
		}
		// What the dashboard and the alerts compare the clients gauge with, and what
		// outboxes hold (read at scrape time: one pass over the sessions per scrape).
		metrics.gauge("switchboard.max.clients", "switchboard.max-clients: clients this node admits", this,
				(registry) -> registry.maxClients);
		metrics.gauge("switchboard.outbox.bytes", "Bytes queued for all clients", this, ClientRegistry::queuedBytes);
		metrics.gauge("switchboard.outbox.budget.used.bytes",
				"Bytes of switchboard.client.output-budget taken by all outboxes (in chunks)", this.budget,
				OutboxBudget::used);
		metrics.gauge("switchboard.outbox.budget.bytes",
				"switchboard.client.output-budget: bytes all outboxes may hold", this.budget, OutboxBudget::total);
		metrics.gauge("switchboard.outbox.largest.bytes", "Bytes queued for the client with the most queued", this,
				ClientRegistry::largestOutbox);
	}

	/**
	 * Admit a new client unless the server is full or its address has too many clients. A
	 * refusal is counted as closed with reason {@code full} or {@code ip-limit}.
	 * @param ip the client's IP address, or null where there is none (Unix sockets)
	 * @param room the room it starts in
	 */
	public Opening open(Protocol protocol, String remoteAddress, @Nullable String ip, String room,
			ClientTransport transport, Dialect dialect) {
		if (this.admitted.incrementAndGet() > this.maxClients) {
			this.admitted.decrementAndGet();
			this.metrics.closed(protocol, CloseReason.FULL);
			return new Opening(null, CloseReason.FULL);
		}
		CloseReason refusal = (ip != null) ? this.addressSlots.take(ip) : null;
		if (refusal != null) {
			this.admitted.decrementAndGet();
			this.metrics.closed(protocol, refusal);
			return new Opening(null, refusal);
		}
		long number = this.ids.incrementAndGet();
		String id = protocol.tag() + "-" + number + this.idSuffix;
		FloodGate flood = new FloodGate(this.properties.rate(), this.properties.burst(),
				this.properties.byteRate().toBytes(), this.byteBurst, this.stalls);
		ClientSession session = new ClientSession(id, protocol, remoteAddress, ip, room, transport, this.properties,
				this.budget.open(ip), this.executor, this.metrics, dialect, flood,
				this.naming.names().nameFor(protocol, remoteAddress, id, number, this.naming.addressesHidden()));
		this.sessions.put(id, session);
		if (session.from().startsWith(AnonymousNames.GUEST_PREFIX)) {
			this.guests.put(session.from(), session);
		}
		counter(protocol).incrementAndGet();
		this.metrics.opened(protocol);
		this.audit.opened(session);
		return new Opening(session, null);
	}

	/**
	 * How clients without a nick are called.
	 *
	 * @param addressesHidden whether the server hides addresses (it asks for tokens)
	 */
	public record Naming(AnonymousNames names, boolean addressesHidden) {

		/** The seeds' names: addresses on the line doors. */
		public static final Naming ADDRESSES = new Naming(AnonymousNames.ADDRESS, false);

	}

	/**
	 * What ends ids made on this node: empty alone, {@code @NODE} in a cluster.
	 */
	public String idSuffix() {
		return this.idSuffix;
	}

	public int maxClientsPerIp() {
		return this.addressSlots.perIp();
	}

	/**
	 * The per-network limit that applies to this address.
	 */
	public int maxClientsPerPrefix(String ip) {
		return this.addressSlots.prefixLimit(ip);
	}

	/**
	 * Forget a client that has gone, releasing its nick.
	 * @return false if it was already removed
	 */
	public boolean remove(ClientSession session) {
		if (this.sessions.remove(session.id(), session)) {
			this.guests.remove(session.anonymousName(), session);
			String nick = session.nick();
			if (nick != null) {
				this.nicks.remove(key(nick), session);
			}
			counter(session.protocol()).decrementAndGet();
			this.admitted.decrementAndGet();
			if (session.ip() != null) {
				this.addressSlots.release(session.ip());
			}
			session.outbox().returnBudget();
			this.budget.close(session.outbox().account());
			CloseReason reason = session.closeReason();
			this.metrics.closed(session.protocol(), (reason != null) ? reason : CloseReason.EOF);
			this.audit.closed(session, (reason != null) ? reason : CloseReason.EOF);
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

	/**
	 * The client holding a nick (ignoring case), if it is on this node.
	 */
	public @Nullable ClientSession findByNick(String nick) {
		return this.nicks.get(key(nick));
	}

	/**
	 * The client that holds this nick, or else the one shown by this name because it has
	 * no nick: a UDP member is shown by its id ({@code udp-3}), and {@code /who} lists it
	 * so, so {@code /msg udp-3} must reach it. Case is ignored, as for nicks.
	 */
	public @Nullable ClientSession findByShownName(String name) {
		ClientSession holder = findByNick(name);
		if (holder != null) {
			return holder;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		ClientSession unnamed = lower.startsWith(AnonymousNames.GUEST_PREFIX) ? this.guests.get(lower) : find(lower);
		return (unnamed != null && unnamed.nick() == null && unnamed.from().equalsIgnoreCase(name)) ? unnamed : null;
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
		AtomicInteger count = this.counts.get(protocol);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Clients one IP address and one network (IPv4 /24, IPv6 /64) may have; 0 =
	 * unlimited.
	 */
	public record AddressLimits(int perIp, int perIpv4Prefix, int perIpv6Prefix) {
	}

	private AtomicInteger counter(Protocol protocol) {
		return this.counts.computeIfAbsent(protocol, (p) -> {
			AtomicInteger count = new AtomicInteger();
			this.metrics.gauge("switchboard.clients", "Connected clients", p, count, AtomicInteger::get);
			return count;
		});
	}

	private long queuedBytes() {
		return this.sessions.values().stream().mapToLong(ClientSession::outboxBytes).sum();
	}

	private long largestOutbox() {
		return this.sessions.values().stream().mapToLong(ClientSession::outboxBytes).max().orElse(0);
	}

	private static String key(String nick) {
		return nick.toLowerCase(Locale.ROOT);
	}

}
