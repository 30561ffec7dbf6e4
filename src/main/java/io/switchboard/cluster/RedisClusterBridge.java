package io.switchboard.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.Ban;
import io.switchboard.core.ClientSession;
import io.switchboard.core.ClusterBridge;
import io.switchboard.core.Event;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * This node's link to the others through Redis. Room lines are published to the room's
 * channel and delivered to local members only from the subscription, so every node
 * delivers a room's lines in the order Redis received them, and its own just once; a node
 * hears a room's channel only while the room has a member there.
 * <p>
 * While the {@link ClusterLink} is down, lines go to local members only (counted in
 * {@code switchboard.cluster.publish.failures}).
 */
public final class RedisClusterBridge implements ClusterBridge, SmartLifecycle {

	private final ClusterDirectory directory;

	private final ClusterRooms roomState;

	private final ClusterSubscriptions subscriptions;

	private final AsyncScripts scripts;

	private final String node;

	private final long ttlMillis;

	private final Map<String, ClientSession> local = new ConcurrentHashMap<>();

	private final ClusterLink link;

	private final ClusterRoster roster;

	private final ClusterChannel out;

	private final ClusterBans bans;

	private final ClusterSeats seats;

	/**
	 * @param history each room's history in Redis, or null with history off
	 */
	RedisClusterBridge(ClusterProperties properties, ClusterKeys keys, StringRedisTemplate strings,
			RedisTemplate<String, byte[]> publisher, AsyncScripts scripts, Duration timeout,
			ClusterSubscriptions subscriptions, @Nullable ClusterHistory history, MeterRegistry meters) {
		this.directory = new ClusterDirectory(strings, keys);
		this.roomState = new ClusterRooms(strings, keys);
		this.subscriptions = subscriptions;
		this.node = properties.nodeId();
		this.ttlMillis = properties.ttl().toMillis();
		this.link = new ClusterLink(properties, this.directory, publisher, keys.nodeChannel(this.node),
				this.local::values, (session) -> ClusterClient.of(this.node, session), () -> {
					subscriptions.subscribeAll();
					scripts.connect();
				}, subscriptions::stale, meters);
		subscriptions.onStale(this.link::resubscribe);
		this.roster = new ClusterRoster(this.directory, this.link);
		this.scripts = scripts;
		this.out = new ClusterChannel(publisher, scripts, keys, timeout, this.link, history, subscriptions::hears,
				meters);
		this.bans = new ClusterBans(strings, keys, this.node, this.link, this.out);
		this.seats = new ClusterSeats(strings, keys, this.node, this.link, this.directory::liveNodes);
		this.link.onUp(() -> this.seats.rewrite(this.local.values()));
		this.link.everyTenBeats(() -> this.seats.rewrite(this.local.values()));
		this.link.onLeave(this.seats::leave);
	}

	public String node() {
		return this.node;
	}

	public boolean isUp() {
		return this.link.isUp();
	}

	public @Nullable String lastError() {
		return this.link.lastError();
	}

	public @Nullable Instant downSince() {
		return this.link.downSince();
	}

	@Override
	public String clientIdSuffix() {
		return "@" + this.node;
	}

	@Override
	public boolean publish(String room, @Nullable String excludedId, Event event) {
		ClusterMessage.RoomEvent message = new ClusterMessage.RoomEvent(this.node, room,
				(excludedId != null) ? excludedId : "", event);
		if (event instanceof Event.Topic topic) {
			if (!isUp()) {
				return false;
			}
			// Kept for nodes that create the room later, and stored before it is sent: a
			// node that saw the change and then creates the room again (its members had
			// left) must read the new topic, not an older one that would overwrite it.
			write(() -> {
				this.roomState.topic(room, (topic.by() != null) ? topic.by() : "", topic.text());
				this.out.sendToRoom(room, message);
			});
			return true;
		}
		return this.out.sendToRoom(room, message);
	}

	@Override
	public void roomOpened(String room) {
		this.subscriptions.opened(room);
	}

	@Override
	public void roomClosed(String room) {
		this.subscriptions.closed(room);
	}

	@Override
	public Seat takeSeat(ClientSession session, String room, int maxMembers) {
		return this.seats.take(session, room, maxMembers);
	}

	@Override
	public void giveBackSeat(ClientSession session, String room) {
		this.seats.giveBack(session, room);
	}

	@Override
	public @Nullable CompletionStage<String> publishChat(String room, @Nullable String excludedId, Event.Chat chat,
			Supplier<String> tagIfNew) {
		return this.out.sendChat(this.node, room, (excludedId != null) ? excludedId : "", chat, tagIfNew);
	}

	@Override
	public @Nullable StoredHistory storedHistory(String room, int limit) {
		return this.out.storedHistory(room, limit);
	}

	@Override
	public Event.@Nullable Topic storedTopic(String room) {
		if (!this.link.isUp()) {
			return null;
		}
		try {
			return this.roomState.topic(room);
		}
		catch (RuntimeException ex) {
			down(ex);
			return null;
		}
	}

	/**
	 * Run {@code action} each time the link to Redis is (back) up.
	 */
	public void onLinkUp(Runnable action) {
		this.link.onUp(action);
	}

	@Override
	public boolean shareBan(Ban ban) {
		return this.bans.share(ban);
	}

	@Override
	public boolean liftBan(String id) {
		return this.bans.lift(id);
	}

	@Override
	public @Nullable List<Ban> storedBans() {
		return this.bans.stored();
	}

	@Override
	public boolean publishOperator(@Nullable String room, Event message) {
		if (room == null) {
			return this.out.sendToAll(new ClusterMessage.OperatorEvent(this.node, "", message));
		}
		return this.out.sendToRoom(room, new ClusterMessage.OperatorEvent(this.node, room, message));
	}

	@Override
	public PrivateRoute sendPrivate(String nick, Event.Private message) {
		if (!this.link.isUp()) {
			return PrivateRoute.UNAVAILABLE;
		}
		String holder;
		try {
			holder = this.directory.holderOf(key(nick));
		}
		catch (RuntimeException ex) {
			down(ex);
			return PrivateRoute.UNAVAILABLE;
		}
		if (holder == null) {
			return PrivateRoute.NO_SUCH_NICK;
		}
		return this.out.sendToNode(ClusterDirectory.nodeOf(holder),
				new ClusterMessage.PrivateEvent(this.node, ClusterDirectory.clientIdOf(holder), message))
						? PrivateRoute.SENT : PrivateRoute.UNAVAILABLE;
	}

	@Override
	public NickClaim claimNick(ClientSession session, String nick) {
		if (!this.link.isUp()) {
			return NickClaim.UNAVAILABLE;
		}
		try {
			return this.directory.claim(key(nick), ClusterDirectory.holder(this.node, session.id())) ? NickClaim.CLAIMED
					: NickClaim.TAKEN;
		}
		catch (RuntimeException ex) {
			down(ex);
			return NickClaim.UNAVAILABLE;
		}
	}

	@Override
	public void releaseNick(ClientSession session, String nick) {
		String holder = ClusterDirectory.holder(this.node, session.id());
		write(() -> this.directory.release(key(nick), holder));
	}

	@Override
	public void updated(ClientSession session) {
		this.local.put(session.id(), session);
		this.seats.updated(session);
		write(() -> {
			if (this.local.get(session.id()) == session) {
				this.directory.put(this.node, ClusterClient.of(this.node, session), this.ttlMillis);
			}
		});
	}

	@Override
	public void removed(ClientSession session) {
		if (this.local.remove(session.id(), session)) {
			this.seats.removed(session);
			String nick = session.nick();
			write(() -> {
				this.directory.remove(this.node, session.id());
				if (nick != null) {
					this.directory.release(key(nick), ClusterDirectory.holder(this.node, session.id()));
				}
			});
		}
	}

	@Override
	public @Nullable List<String> who(String room) {
		return this.roster.who(room);
	}

	@Override
	public @Nullable SortedMap<String, Integer> rooms() {
		return this.roster.rooms();
	}

	/**
	 * Every client on every live node.
	 * @throws IllegalStateException if the cluster is unreachable
	 */
	public List<ClusterClient> clients() {
		return this.roster.clients();
	}

	/**
	 * Ask the node holding a client to disconnect it.
	 * @return false if no live node lists it
	 * @throws IllegalStateException if the cluster is unreachable
	 */
	public boolean disconnect(String clientId) {
		int at = clientId.lastIndexOf('@');
		if (at < 0) {
			return false; // not a cluster id
		}
		if (!this.link.isUp()) {
			throw new IllegalStateException("the cluster is unreachable: " + this.link.lastError());
		}
		boolean known;
		try {
			// one lookup in the holding node's table (it expires with the node)
			known = this.directory.exists(clientId.substring(at + 1), clientId);
		}
		catch (RuntimeException ex) {
			down(ex);
			throw new IllegalStateException("the cluster is unreachable: " + this.link.lastError(), ex);
		}
		if (!known) {
			return false;
		}
		if (!this.out.sendToNode(clientId.substring(at + 1), new ClusterMessage.Disconnect(this.node, clientId))) {
			throw new IllegalStateException("the cluster is unreachable: " + this.link.lastError());
		}
		return true;
	}

	void echoed(ClusterMessage.Heartbeat heartbeat) {
		this.link.echoed(heartbeat);
	}

	void received() {
		this.out.received();
	}

	private void down(Exception ex) {
		this.link.down(ex);
	}

	private void write(Runnable update) {
		this.link.write(update);
	}

	/**
	 * A nick as the directory keys it: unique ignoring case.
	 */
	static String key(String nick) {
		return nick.toLowerCase(Locale.ROOT);
	}

	@Override
	public void start() {
		this.link.start();
	}

	@Override
	public void stop() {
		this.link.stop();
		this.subscriptions.stop();
		this.out.stop();
		this.scripts.close();
	}

	@Override
	public boolean isRunning() {
		return this.link.isRunning();
	}

	/**
	 * Stops after graceful shutdown (which has the highest phase) and before the Redis
	 * connection factory (phase 0).
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

	/**
	 * The nodes this node last read as live, at its heartbeat: whose members a room's
	 * limit counts (so a test waits for its nodes to see each other before it counts).
	 */
	List<String> liveNodes() {
		return this.directory.liveNodes();
	}

}
