package io.switchboard.core;

import org.jspecify.annotations.Nullable;

/**
 * Who gets in: the accept rate per address, bans, the registry's limits, and for those
 * admitted, membership of the default room (or the one their {@link Arrival} names) with
 * the greeting as their first line, then any replay, then the room's live lines.
 */
final class Admissions {

	private static final Event SHUTTING_DOWN = Event.failure("server shutting down");

	private static final Event ACCEPT_RATE = Event.failure("too many connections, slow down");

	private static final Event FULL = Event.failure("server full");

	private final ChatProperties properties;

	private final ClientRegistry registry;

	private final SwitchboardMetrics metrics;

	private final Rooms rooms;

	private final MessageFormat greeting;

	private final IpRateLimiter acceptRate;

	private final RoomEntry entry;

	private final boolean authRequired;

	private final RoomPolicies policies;

	private final Bans bans;

	Admissions(ChatProperties properties, ClientRegistry registry, SwitchboardMetrics metrics, Rooms rooms,
			RoomEntry entry, boolean authRequired, RoomPolicies policies, Bans bans) {
		this.policies = policies;
		this.bans = bans;
		this.entry = entry;
		this.authRequired = authRequired;
		this.properties = properties;
		this.registry = registry;
		this.metrics = metrics;
		this.rooms = rooms;
		this.greeting = new MessageFormat(properties.greeting(), properties.zoneId());
		this.acceptRate = new IpRateLimiter(properties.acceptRatePerIp());
	}

	/**
	 * Admit a client, or say why not in its dialect.
	 */
	Admission admit(boolean accepting, Protocol protocol, String remoteAddress, @Nullable String ip,
			ClientTransport transport, Dialect dialect, @Nullable OutboundLine welcome, @Nullable Arrival arrival) {
		if (!accepting) {
			return new Admission(null, dialect.render(SHUTTING_DOWN));
		}
		if (ip != null && !this.acceptRate.tryAcquire(AddressPrefix.rateKey(ip))) {
			this.metrics.closed(protocol, CloseReason.ACCEPT_RATE);
			return new Admission(null, dialect.render(ACCEPT_RATE));
		}
		Identity identity = (arrival != null) ? arrival.identity() : null;
		// A WebSocket client may have shown its token at the handshake already.
		Ban ban = this.bans.matching(ip, (identity != null) ? identity.nick() : null,
				(identity != null) ? identity.subject() : null);
		if (ban != null) {
			this.metrics.closed(protocol, CloseReason.BANNED);
			return new Admission(null, dialect.render(ban.refusal()));
		}
		String named = (arrival != null && arrival.room() != null) ? RoomNames.canonical(arrival.room()) : null;
		boolean roomNamed = named != null && ChatCommands.isName(named);
		String asked = roomNamed ? named : this.properties.defaultRoom();
		// A token that does not allow the room the handshake names: the default room
		// instead if it allows that, and either way the client is told which room and why
		// (it was left in no room, silently).
		boolean refused = this.authRequired && identity != null && !identity.mayJoin(asked);
		boolean toDefault = refused && roomNamed && identity.mayJoin(this.properties.defaultRoom());
		String room = toDefault ? this.properties.defaultRoom() : asked;
		Event refusedRoom = refused ? Event.failure("your token does not allow room " + asked
				+ (toDefault ? "; you are in " + room : "; /join a room it allows")) : null;
		boolean catchUp = roomNamed && !toDefault;
		Opening opening = this.registry.open(protocol, remoteAddress, ip, room, transport, dialect);
		ClientSession session = opening.session();
		if (session == null) {
			Event refusal = switch (opening.refusal()) {
				case IP_LIMIT -> Event
					.failure("too many connections from your address (max " + this.registry.maxClientsPerIp() + ")");
				case PREFIX_LIMIT -> Event.failure("too many connections from your network (max "
						+ this.registry.maxClientsPerPrefix((ip != null) ? ip : "") + ")");
				case null, default -> FULL;
			};
			return new Admission(null, dialect.render(refusal));
		}
		if (identity != null) {
			session.identity(identity);
		}
		if (dialect.startsInNoRoom()) {
			// It joins rooms when it asks (IRC), and has its own welcome.
			session.membership().clear();
			if (welcome != null) {
				session.deliver(welcome);
			}
			return new Admission(session, null);
		}
		if (this.authRequired && (identity == null || !identity.mayJoin(room))) {
			// In no room until it authenticates (AuthGate) or joins one its token allows:
			// nothing of any room reaches it.
			greet(session, welcome);
			if (refusedRoom != null) {
				session.send(refusedRoom);
			}
			return new Admission(session, null);
		}
		// The greeting is the first line a client sees, and once it has it, it is a
		// member.
		int maxMembers = this.policies.maxMembers(room);
		boolean joined = this.rooms.join(session, session.room(), maxMembers, () -> {
			greet(session, welcome);
			if (refusedRoom != null) {
				session.send(refusedRoom);
			}
			else if (named != null && !roomNamed) {
				session.send(Event.failure(
						"no room " + ChatCommands.echoed(named) + " (1-32 of A-Z a-z 0-9 _ . -): you are in " + room));
			}
			this.entry.replay(session, room, catchUp ? arrival.since() : null);
		});
		if (!joined) {
			// Refused like a full server: never admitted, told why in its dialect.
			session.markClosing(CloseReason.ROOM_FULL);
			this.registry.remove(session);
			return new Admission(null, dialect.render(RoomEntry.full(room, maxMembers)));
		}
		return new Admission(session, null);
	}

	private void greet(ClientSession session, @Nullable OutboundLine welcome) {
		if (!this.properties.greeting().isEmpty()) {
			session.send(new Event.Greeting(this.greeting.render(session.from(), "", session.room()), session.room()));
		}
		if (welcome != null) {
			session.deliver(welcome);
		}
	}

	/**
	 * Forget per-address rate state that no longer matters; run periodically.
	 */
	void sweep() {
		this.acceptRate.sweep();
	}

}
