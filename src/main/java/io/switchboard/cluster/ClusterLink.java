package io.switchboard.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.ClientSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * Whether this node's link to Redis works, and keeping it so: the link is up once a
 * heartbeat published by this node on its own channel has come back through its
 * subscription (made, with the rooms' subscriptions, before each heartbeat while the link
 * is down, and whenever they are stale while it is up); when Redis fails the heartbeat
 * retries with backoff, and on the way back up the node rewrites its client table and
 * nicks, since Redis may have restarted empty. Directory writes run on the link's one
 * worker thread, in order, and only while it is up.
 */
final class ClusterLink {

	private static final Log logger = LogFactory.getLog(ClusterLink.class);

	private static final long FIRST_RETRY_MILLIS = 100;

	private final ClusterProperties properties;

	private final ClusterDirectory directory;

	private final RedisTemplate<String, byte[]> publisher;

	private final String channel;

	private final String node;

	private final long ttlMillis;

	private final Supplier<Collection<ClientSession>> local;

	private final Function<ClientSession, ClusterClient> entry;

	private final Runnable subscribe;

	private final BooleanSupplier stale;

	/** Heartbeats, directory writes and resyncs, one at a time and in order. */
	private final ScheduledExecutorService worker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("switchboard-cluster").daemon().factory());

	private final AtomicLong heartbeats = new AtomicLong();

	private final Counter reconnects;

	private volatile boolean up;

	private volatile boolean running;

	private volatile long echoed;

	private volatile @Nullable String lastError = "not connected yet";

	private volatile @Nullable Instant downSince = Instant.now();

	private boolean everUp;

	private final List<Runnable> onUp = new CopyOnWriteArrayList<>();

	private final List<Runnable> everyTenBeats = new CopyOnWriteArrayList<>();

	private final List<Runnable> onLeave = new CopyOnWriteArrayList<>();

	private long retryMillis = FIRST_RETRY_MILLIS;

	/**
	 * @param local this node's clients, written again after a reconnect
	 * @param entry a client as the directory lists it
	 * @param channel this node's own channel, where its heartbeats go
	 * @param subscribe (re)subscribes this node to its channels, waiting for Redis to
	 * confirm
	 * @param stale whether some subscription may be missing while the link is up (then
	 * {@code subscribe} runs again)
	 */
	ClusterLink(ClusterProperties properties, ClusterDirectory directory, RedisTemplate<String, byte[]> publisher,
			String channel, Supplier<Collection<ClientSession>> local, Function<ClientSession, ClusterClient> entry,
			Runnable subscribe, BooleanSupplier stale, MeterRegistry meters) {
		this.properties = properties;
		this.directory = directory;
		this.publisher = publisher;
		this.channel = channel;
		this.node = properties.nodeId();
		this.ttlMillis = properties.ttl().toMillis();
		this.local = local;
		this.entry = entry;
		this.subscribe = subscribe;
		this.stale = stale;
		this.reconnects = Counter.builder("switchboard.cluster.reconnects")
			.description("Times the link came back after a failure")
			.register(meters);
		Gauge.builder("switchboard.cluster.up", this, (link) -> link.up ? 1 : 0)
			.description("1 while this node is linked to the cluster")
			.register(meters);
	}

	/**
	 * Run {@code action} on the link's thread each time it is (back) up.
	 */
	void onUp(Runnable action) {
		this.onUp.add(action);
	}

	/**
	 * Run {@code action} on the link's thread every ten heartbeats while it is up.
	 */
	void everyTenBeats(Runnable action) {
		this.everyTenBeats.add(action);
	}

	/**
	 * Run {@code action} on the link's thread when the node leaves the cluster.
	 */
	void onLeave(Runnable action) {
		this.onLeave.add(action);
	}

	boolean isUp() {
		return this.up;
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	@Nullable Instant downSince() {
		return this.downSince;
	}

	boolean isRunning() {
		return this.running;
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

	/**
	 * Redis failed: deliver to local members only until the link is back.
	 */
	void down(Throwable ex) {
		// Spring's "Redis exception" says little; the cause says e.g. "Connection closed"
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		this.lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		if (this.up) {
			this.up = false;
			this.downSince = Instant.now();
			logger.warn("Cluster link to Redis lost, delivering to local members only: " + this.lastError);
		}
	}

	/**
	 * Some subscription may be missing: subscribe again now, on the link's thread; if
	 * that fails the link goes down, and its retries subscribe until Redis confirms.
	 */
	void resubscribe() {
		if (!this.running) {
			return;
		}
		this.worker.execute(() -> {
			if (this.up && this.stale.getAsBoolean()) {
				try {
					this.subscribe.run();
				}
				catch (RuntimeException ex) {
					down(ex);
				}
			}
		});
	}

	/**
	 * Run a directory write on the worker while the link is up; a failure takes the link
	 * down, and the resync after the reconnect writes everything again.
	 */
	void write(Runnable update) {
		if (!this.running) {
			return;
		}
		this.worker.execute(() -> {
			if (this.up) {
				try {
					update.run();
				}
				catch (RuntimeException ex) {
					down(ex);
				}
			}
		});
	}

	void start() {
		this.running = true;
		this.worker.execute(this::beat);
	}

	void stop() {
		this.running = false;
		this.up = false;
		try {
			this.worker.submit(() -> {
				try {
					this.onLeave.forEach(Runnable::run);
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

	private void beat() {
		if (!this.running) {
			return;
		}
		long delay;
		try {
			if (!this.up || this.stale.getAsBoolean()) {
				this.subscribe.run();
			}
			this.directory.heartbeat(this.node, this.ttlMillis);
			long sequence = this.heartbeats.incrementAndGet();
			ClusterChannel.shardPublish(this.publisher, this.channel,
					ClusterMessage.encode(new ClusterMessage.Heartbeat(this.node, sequence)));
			if (this.up && this.echoed < sequence - 2) {
				throw new IllegalStateException("heartbeats stopped coming back through the subscription");
			}
			if (sequence % 10 == 0) {
				this.directory.sweep();
				if (this.up) {
					this.everyTenBeats.forEach(Runnable::run);
				}
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
			Collection<ClientSession> sessions = this.local.get();
			this.directory.heartbeat(this.node, this.ttlMillis);
			this.directory.replace(this.node, sessions.stream().map(this.entry).toList(), this.ttlMillis);
			// releases missed while the link was down: drop them all, claim the current
			// ones again
			this.directory.releaseNicks(this.node);
			for (ClientSession session : sessions) {
				String nick = session.nick();
				if (nick != null && !this.directory.claim(RedisClusterBridge.key(nick),
						ClusterDirectory.holder(this.node, session.id()))) {
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
				logger.info("Joined the cluster as node " + this.node + " (its channel " + this.channel + ")");
			}
			this.everUp = true;
			this.onUp.forEach(Runnable::run);
		}
		catch (RuntimeException ex) {
			down(ex);
		}
	}

}
