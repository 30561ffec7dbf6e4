package io.switchboard.cluster;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.client.ClientSession;
import io.switchboard.client.Event;
import io.switchboard.hub.ClusterBridge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * This node's link to the others through Redis. Room lines are published to one channel
 * and delivered to local members only from the subscription, so every node delivers a
 * room's lines in the order Redis received them, and its own just once.
 * <p>
 * The link is up once a heartbeat published by this node has come back through its own
 * subscription; until then, and whenever Redis fails, lines go to local members only
 * (counted in {@code switchboard.cluster.publish.failures}) and the heartbeat retries
 * with backoff. On the way back up the node rewrites its client table and nicks, since
 * Redis may have restarted empty.
 */
public final class RedisClusterBridge implements ClusterBridge, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RedisClusterBridge.class);

	private static final long FIRST_RETRY_MILLIS = 100;

	private final ClusterProperties properties;

	private final ClusterDirectory directory;

	private final RedisTemplate<String, byte[]> publisher;

	private final String channel;

	private final String node;

	private final long ttlMillis;

	/** Heartbeats, directory writes and resyncs, one at a time and in order. */
	private final ScheduledExecutorService worker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("switchboard-cluster").daemon().factory());

	private final Map<String, ClientSession> local = new ConcurrentHashMap<>();

	private final AtomicLong heartbeats = new AtomicLong();

	private final Counter published;

	private final Counter received;

	private final Counter publishFailures;

	private final Counter reconnects;

	private volatile boolean up;

	private volatile boolean running;

	private volatile long echoed;

	private volatile @Nullable String lastError = "not connected yet";

	private volatile @Nullable Instant downSince = Instant.now();

	private boolean everUp;

	private long retryMillis = FIRST_RETRY_MILLIS;

	RedisClusterBridge(ClusterProperties properties, ClusterDirectory directory,
			RedisTemplate<String, byte[]> publisher, String channel, MeterRegistry meters) {
		this.properties = properties;
		this.directory = directory;
		this.publisher = publisher;
		this.channel = channel;
		this.node = properties.nodeId();
		this.ttlMillis = properties.ttl().toMillis();
		this.published = Counter.builder("switchboard.cluster.published")
			.description("Room lines and operator messages published to the cluster")
			.register(meters);
		this.received = Counter.builder("switchboard.cluster.received")
			.description("Messages received from the cluster channel (this node's own included)")
			.register(meters);
		this.publishFailures = Counter.builder("switchboard.cluster.publish.failures")
			.description("Lines that reached local members only because the cluster was unreachable")
			.register(meters);
		this.reconnects = Counter.builder("switchboard.cluster.reconnects")
			.description("Times the link came back after a failure")
			.register(meters);
		Gauge.builder("switchboard.cluster.up", this, (bridge) -> bridge.up ? 1 : 0)
			.description("1 while this node is linked to the cluster")
			.register(meters);
	}

	public String node() {
		return this.node;
	}

	public boolean isUp() {
		return this.up;
	}

	public @Nullable String lastError() {
		return this.lastError;
	}

	public @Nullable Instant downSince() {
		return this.downSince;
	}

	@Override
	public boolean publish(String room, @Nullable String excludedId, Event event) {
		return send(new ClusterMessage.RoomEvent(this.node, room, (excludedId != null) ? excludedId : "", event));
	}

	@Override
	public boolean publishOperator(@Nullable String room, Event message) {
		return send(new ClusterMessage.OperatorEvent(this.node, (room != null) ? room : "", message));
	}

	private boolean send(ClusterMessage message) {
		if (!this.up) {
			this.publishFailures.increment();
			return false;
		}
		try {
			Long receivers = this.publisher.convertAndSend(this.channel, ClusterMessage.encode(message));
			if (receivers == null || receivers == 0) {
				throw new IllegalStateException("no node subscribed to " + this.channel);
			}
			this.published.increment();
			return true;
		}
		catch (RuntimeException ex) {
			this.publishFailures.increment();
			down(ex);
			return false;
		}
	}

	@Override
	public NickClaim claimNick(ClientSession session, String nick) {
		if (!this.up) {
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
		write(() -> {
			if (this.local.get(session.id()) == session) {
				this.directory.put(this.node, entry(session), this.ttlMillis);
			}
		});
	}

	@Override
	public void removed(ClientSession session) {
		if (this.local.remove(session.id(), session)) {
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
		List<ClusterClient> clients = clientsOrNull();
		if (clients == null) {
			return null;
		}
		return clients.stream()
			.filter((client) -> client.room().equals(room))
			.sorted(Comparator.comparing(ClusterClient::connectedAt).thenComparing(ClusterClient::id))
			.map(ClusterClient::from)
			.toList();
	}

	@Override
	public @Nullable SortedMap<String, Integer> rooms() {
		List<ClusterClient> clients = clientsOrNull();
		if (clients == null) {
			return null;
		}
		SortedMap<String, Integer> counts = new TreeMap<>();
		clients.forEach((client) -> counts.merge(client.room(), 1, Integer::sum));
		return counts;
	}

	/**
	 * Every client on every live node.
	 * @throws IllegalStateException if the cluster is unreachable
	 */
	public List<ClusterClient> clients() {
		List<ClusterClient> clients = clientsOrNull();
		if (clients == null) {
			throw new IllegalStateException("the cluster is unreachable: " + this.lastError);
		}
		return clients.stream()
			.sorted(Comparator.comparing(ClusterClient::connectedAt).thenComparing(ClusterClient::id))
			.toList();
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
		if (!this.up) {
			throw new IllegalStateException("the cluster is unreachable: " + this.lastError);
		}
		boolean known;
		try {
			// one lookup in the holding node's table (it expires with the node)
			known = this.directory.exists(clientId.substring(at + 1), clientId);
		}
		catch (RuntimeException ex) {
			down(ex);
			throw new IllegalStateException("the cluster is unreachable: " + this.lastError, ex);
		}
		if (!known) {
			return false;
		}
		if (!send(new ClusterMessage.Disconnect(this.node, clientId))) {
			throw new IllegalStateException("the cluster is unreachable: " + this.lastError);
		}
		return true;
	}

	private @Nullable List<ClusterClient> clientsOrNull() {
		if (!this.up) {
			return null;
		}
		try {
			return this.directory.clients();
		}
		catch (RuntimeException ex) {
			down(ex);
			return null;
		}
	}

	/**
	 * A heartbeat came back through the subscription: the link works both ways.
	 */
	void echoed(ClusterMessage.Heartbeat heartbeat) {
		this.echoed = heartbeat.sequence();
		if (!this.up) {
			this.worker.execute(this::resync);
		}
	}

	void received() {
		this.received.increment();
	}

	private void beat() {
		if (!this.running) {
			return;
		}
		long delay;
		try {
			this.directory.heartbeat(this.node, this.ttlMillis);
			long sequence = this.heartbeats.incrementAndGet();
			this.publisher.convertAndSend(this.channel,
					ClusterMessage.encode(new ClusterMessage.Heartbeat(this.node, sequence)));
			if (this.up && this.echoed < sequence - 2) {
				throw new IllegalStateException("heartbeats stopped coming back through the subscription");
			}
			if (sequence % 10 == 0) {
				this.directory.sweep();
			}
			this.retryMillis = FIRST_RETRY_MILLIS;
			delay = this.up ? this.properties.heartbeat().toMillis() : FIRST_RETRY_MILLIS;
		}
		catch (RuntimeException ex) {
			down(ex);
			delay = this.retryMillis;
			this.retryMillis = Math.min(this.retryMillis * 2, this.properties.reconnectMax().toMillis());
		}
		this.worker.schedule(this::beat, delay, TimeUnit.MILLISECONDS);
	}

	/**
	 * Back up: rewrite what Redis should know about this node, then publish again.
	 */
	private void resync() {
		if (this.up || !this.running) {
			return;
		}
		try {
			this.directory.heartbeat(this.node, this.ttlMillis);
			this.directory.replace(this.node, this.local.values().stream().map(this::entry).toList(), this.ttlMillis);
			// releases missed while the link was down: drop them all, claim the current
			// ones again
			this.directory.releaseNicks(this.node);
			for (ClientSession session : this.local.values()) {
				String nick = session.nick();
				if (nick != null
						&& !this.directory.claim(key(nick), ClusterDirectory.holder(this.node, session.id()))) {
					// Nicks cannot change while the link is down, so only a node that
					// outlived its expiry during a partition gets here.
					logger.warn("Nick " + nick + " of " + session.id() + " is held on another node now");
				}
			}
			this.up = true;
			this.lastError = null;
			this.downSince = null;
			if (this.everUp) {
				this.reconnects.increment();
				logger.info("Cluster link to Redis is back (node " + this.node + ")");
			}
			else {
				logger.info("Joined the cluster as node " + this.node + " on channel " + this.channel);
			}
			this.everUp = true;
		}
		catch (RuntimeException ex) {
			down(ex);
		}
	}

	private void down(Exception ex) {
		// Spring's "Redis exception" says little; the cause says e.g. "Connection closed"
		Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(ex);
		this.lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		if (this.up) {
			this.up = false;
			this.downSince = Instant.now();
			logger.warn("Cluster link to Redis lost, delivering to local members only: " + this.lastError);
		}
	}

	private void write(Runnable update) {
		if (!this.running) {
			return;
		}
		this.worker.execute(() -> {
			if (this.up) {
				try {
					update.run();
				}
				catch (RuntimeException ex) {
					down(ex); // the resync after the reconnect writes everything again
				}
			}
		});
	}

	private ClusterClient entry(ClientSession session) {
		String nick = session.nick();
		return new ClusterClient(this.node, session.id(), session.protocol().tag(), session.remoteAddress(),
				(nick != null) ? nick : "", session.room(), session.connectedAt(), session.from());
	}

	private static String key(String nick) {
		return nick.toLowerCase(Locale.ROOT);
	}

	@Override
	public void start() {
		this.running = true;
		this.worker.execute(this::beat);
	}

	@Override
	public void stop() {
		this.running = false;
		this.up = false;
		try {
			this.worker.submit(() -> {
				try {
					this.directory.leave(this.node);
				}
				catch (RuntimeException ex) {
					logger.debug("Could not leave the cluster cleanly; entries expire in " + this.properties.ttl(), ex);
				}
			}).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			logger.debug("Could not leave the cluster cleanly", ex);
		}
		this.worker.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after graceful shutdown (which has the highest phase) and before the Redis
	 * connection factory (phase 0).
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
