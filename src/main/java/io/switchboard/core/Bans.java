package io.switchboard.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The bans this node enforces: checked when a client connects, authenticates or takes a
 * nick, and applied at once to the clients already here. In a cluster every ban is kept
 * in the cluster's store and announced to every node; alone, they live in memory and a
 * restart forgets them.
 */
public final class Bans {

	private static final Log logger = LogFactory.getLog(Bans.class);

	private final Map<String, Ban> bans = new ConcurrentHashMap<>();

	private final ClientRegistry registry;

	private final ClusterBridge cluster;

	private final Rooms rooms;

	private final RoomRelay relay;

	private final Supplier<Instant> clock;

	Bans(ClientRegistry registry, ClusterBridge cluster, Rooms rooms, RoomRelay relay, Supplier<Instant> clock) {
		this.registry = registry;
		this.cluster = cluster;
		this.rooms = rooms;
		this.relay = relay;
		this.clock = clock;
	}

	/**
	 * Impose a ban: shared with every node, then this node's clients that match it are
	 * told and disconnected (reason {@code banned}).
	 * @throws IllegalStateException if the cluster is unreachable; nothing has changed
	 */
	public Ban impose(Ban ban) {
		this.cluster.shareBan(ban);
		logger.info("Imposed " + ban + " by " + ban.by());
		apply(ban);
		return ban;
	}

	/**
	 * Enforce a ban another node imposed (or this node's, again).
	 */
	public void apply(Ban ban) {
		this.bans.put(ban.id(), ban);
		for (ClientSession session : this.registry.all()) {
			if (!session.isClosing() && ban.matches(address(session.ip()), session.nick(), subject(session))) {
				banish(session, ban);
			}
		}
	}

	/**
	 * Lift a ban on every node.
	 * @return false if no node knew it
	 * @throws IllegalStateException if the cluster is unreachable; nothing has changed
	 */
	public boolean lift(String id) {
		boolean stored = this.cluster.liftBan(id);
		return forget(id) || stored;
	}

	/**
	 * Stop enforcing a ban here (another node lifted it).
	 * @return false if this node did not have it
	 */
	public boolean forget(String id) {
		return this.bans.remove(id) != null;
	}

	/**
	 * Take the cluster's store of bans as this node's, and enforce them: after the link
	 * to it is (back) up, since this node may have missed bans meanwhile (or just
	 * started).
	 */
	public void reload() {
		List<Ban> stored = this.cluster.storedBans();
		if (stored == null) {
			return;
		}
		this.bans.keySet().retainAll(stored.stream().map(Ban::id).toList());
		stored.forEach(this::apply);
	}

	/**
	 * The bans in force, oldest first.
	 */
	public List<Ban> list() {
		Instant now = this.clock.get();
		return this.bans.values()
			.stream()
			.filter((ban) -> !ban.expired(now))
			.sorted(Comparator.comparing(Ban::created).thenComparing(Ban::id))
			.toList();
	}

	public @Nullable Ban find(String id) {
		Ban ban = this.bans.get(id);
		return (ban != null && !ban.expired(this.clock.get())) ? ban : null;
	}

	/**
	 * The ban in force that keeps out a client with this address, nick and subject (each
	 * null if unknown), if any.
	 */
	@Nullable Ban matching(@Nullable String ip, @Nullable String nick, @Nullable String subject) {
		if (this.bans.isEmpty()) {
			return null;
		}
		InetAddress address = address(ip);
		Instant now = this.clock.get();
		for (Ban ban : this.bans.values()) {
			if (!ban.expired(now) && ban.matches(address, nick, subject)) {
				return ban;
			}
		}
		return null;
	}

	Instant now() {
		return this.clock.get();
	}

	/**
	 * Forget bans past their end; run periodically.
	 */
	void sweep() {
		Instant now = this.clock.get();
		this.bans.values().removeIf((ban) -> ban.expired(now));
	}

	/**
	 * Tell a client's rooms it was banned, then it: {@code ERR banned: REASON (until
	 * TIME)}, and close it.
	 */
	void banish(ClientSession session, Ban ban) {
		String reason = ban.reason().isEmpty() ? "" : " (" + ban.reason() + ")";
		tellRooms(session, session.from() + " was banned by " + ban.by() + reason);
		session.close(CloseReason.BANNED, ban.refusal());
	}

	/**
	 * Send {@code * text} to every room the client is a member of, except to it.
	 */
	void tellRooms(ClientSession session, String text) {
		for (String room : session.membership().all()) {
			if (this.rooms.isMember(session, room)) {
				this.relay.relay(room, session.id(), Event.info(text));
			}
		}
	}

	private static @Nullable String subject(ClientSession session) {
		Identity identity = session.identity();
		return (identity != null) ? identity.subject() : null;
	}

	private static @Nullable InetAddress address(@Nullable String ip) {
		if (ip == null) {
			return null;
		}
		int scope = ip.indexOf('%'); // an IPv6 zone is no part of the address
		return IpNetwork.literal((scope >= 0) ? ip.substring(0, scope) : ip);
	}

}
