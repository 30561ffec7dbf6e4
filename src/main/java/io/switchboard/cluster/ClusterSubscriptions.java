package io.switchboard.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What this node hears from Redis: its own channel and the control channel always, and a
 * room's channel only while the room has a member here (interest routing, as Centrifugo's
 * Redis engine and NATS do it). Every channel is a shard channel ({@code SSUBSCRIBE}): on
 * a Redis Cluster each is subscribed on the master that holds its slot, so a room's
 * traffic stays on its shard, and every subscription follows a failover the same way (a
 * plain channel would sit on whichever node Lettuce's default connection happened to
 * reach). One Lettuce pub/sub connection from the connection factory's own client
 * (standalone, Sentinel or Cluster) carries them all; what it receives is handed, in the
 * order received, to one thread that feeds the hub.
 * <p>
 * A room is subscribed before its history is loaded, and the subscription is confirmed by
 * Redis before that load starts, so no line falls between the two.
 * <p>
 * A subscription that failed, or that may have gone with a failed master (the cluster's
 * topology changed), makes the subscriptions {@linkplain #stale() stale} until
 * {@link #subscribeAll()} has renewed them all, confirmed: the link does that at once and
 * retries it, so no lost subscription is forgotten.
 */
final class ClusterSubscriptions {

	private static final Log logger = LogFactory.getLog(ClusterSubscriptions.class);

	private final LettuceConnectionFactory factory;

	private final ClusterKeys keys;

	private final String node;

	private final Duration timeout;

	private final Consumer<byte[]> handler;

	/**
	 * One thread, so a room's messages reach the hub in the channel's order, and never
	 * Lettuce's event loop: the hub may wait there for a room being created, whose
	 * creation waits on Redis.
	 */
	private final ExecutorService inbound = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("switchboard-cluster-inbound").daemon().factory());

	private final Object lock = new Object();

	/**
	 * The rooms this node hears, each with how many times it was opened and not yet
	 * closed: an opening and a closing of the same room may be told out of order (from
	 * two threads), the count makes that harmless.
	 */
	private final Map<String, Integer> interest = new HashMap<>();

	/** The subscription of each room, completed once Redis confirmed it. */
	private final Map<String, CompletableFuture<Void>> subscribed = new HashMap<>();

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> connection;

	private volatile @Nullable Disposable topologyChanges;

	/**
	 * Set when the cluster's topology changed: every subscription must be made again, on
	 * the masters as they are now.
	 */
	private volatile boolean topologyChanged;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private volatile Runnable onStale = () -> {
	};

	ClusterSubscriptions(LettuceConnectionFactory factory, ClusterKeys keys, String node, Duration timeout,
			Consumer<byte[]> handler) {
		this.factory = factory;
		this.keys = keys;
		this.node = node;
		this.timeout = timeout;
		this.handler = handler;
	}

	/**
	 * Connect, if not connected yet, and (re)subscribe to everything this node should
	 * hear, waiting for Redis to confirm. Lettuce resubscribes by itself after a
	 * reconnect; this covers what it cannot know: subscriptions refused while
	 * disconnected, and shard channels whose slot moved to another master.
	 * @throws RuntimeException if Redis is unreachable or refused a subscription
	 */
	void subscribeAll() {
		// Cleared first: a change seen while this runs makes the subscriptions stale
		// again.
		this.topologyChanged = false;
		try {
			StatefulRedisPubSubConnection<byte[], byte[]> pubsub = connected();
			List<CompletableFuture<Void>> confirmations = new ArrayList<>();
			// One hash tag, so one SSUBSCRIBE (a shard subscription's channels share a
			// slot)
			confirmations.add(pubsub.async()
				.ssubscribe(bytes(this.keys.nodeChannel(this.node)), bytes(this.keys.controlChannel()))
				.toCompletableFuture());
			synchronized (this.lock) {
				for (String room : this.interest.keySet()) {
					CompletableFuture<Void> confirmed = pubsub.async()
						.ssubscribe(bytes(this.keys.roomChannel(room)))
						.toCompletableFuture();
					this.subscribed.put(room, confirmed);
					confirmations.add(confirmed);
				}
			}
			confirmations.forEach(this::await);
		}
		catch (RuntimeException ex) {
			refreshTopology();
			throw ex;
		}
	}

	/**
	 * Whether some subscription may be missing: one was refused or not confirmed, or the
	 * cluster's topology changed since they were last all made.
	 */
	boolean stale() {
		if (this.topologyChanged) {
			return true;
		}
		synchronized (this.lock) {
			for (String room : this.interest.keySet()) {
				CompletableFuture<Void> confirmed = this.subscribed.get(room);
				if (confirmed == null || confirmed.isCompletedExceptionally()) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Run {@code action} (without waiting, on Lettuce's threads) when the subscriptions
	 * became {@linkplain #stale() stale}.
	 */
	void onStale(Runnable action) {
		this.onStale = action;
	}

	/**
	 * A room was created here: hear its channel from now on. Returns once Redis has
	 * confirmed the subscription (or right away while it is unreachable: the link's
	 * return subscribes again).
	 */
	void opened(String room) {
		CompletableFuture<Void> confirmed;
		synchronized (this.lock) {
			int count = this.interest.merge(room, 1, Integer::sum);
			confirmed = (count == 1) ? subscribe(room) : this.subscribed.get(room);
		}
		if (confirmed != null) {
			try {
				await(confirmed);
			}
			catch (RuntimeException ex) {
				logger.debug("Subscription to room " + room + " not confirmed; the link subscribes again", ex);
				this.onStale.run();
			}
		}
	}

	/**
	 * A room lost its last member here: stop hearing it.
	 */
	void closed(String room) {
		synchronized (this.lock) {
			Integer count = this.interest.computeIfPresent(room, (name, was) -> (was > 1) ? was - 1 : null);
			if (count == null) {
				this.subscribed.remove(room);
				StatefulRedisPubSubConnection<byte[], byte[]> pubsub = this.connection;
				if (pubsub != null && pubsub.isOpen()) {
					pubsub.async().sunsubscribe(bytes(this.keys.roomChannel(room)));
				}
			}
		}
	}

	/**
	 * Whether this node should hear a room (it has members there), confirmed or not: then
	 * a line published there must count this node among its receivers.
	 */
	boolean hears(String room) {
		synchronized (this.lock) {
			return this.interest.containsKey(room);
		}
	}

	void stop() {
		Disposable changes = this.topologyChanges;
		if (changes != null) {
			changes.dispose();
		}
		StatefulRedisPubSubConnection<byte[], byte[]> pubsub = this.connection;
		this.connection = null;
		if (pubsub != null) {
			pubsub.closeAsync();
		}
		this.inbound.shutdownNow();
	}

	private @Nullable CompletableFuture<Void> subscribe(String room) {
		StatefulRedisPubSubConnection<byte[], byte[]> pubsub = this.connection;
		if (pubsub == null) {
			return null; // subscribed when the link comes up
		}
		CompletableFuture<Void> confirmed = pubsub.async()
			.ssubscribe(bytes(this.keys.roomChannel(room)))
			.toCompletableFuture();
		this.subscribed.put(room, confirmed);
		return confirmed;
	}

	private StatefulRedisPubSubConnection<byte[], byte[]> connected() {
		StatefulRedisPubSubConnection<byte[], byte[]> pubsub = this.connection;
		if (pubsub != null) {
			return pubsub;
		}
		AbstractRedisClient client = this.factory.getRequiredNativeClient();
		if (client instanceof RedisClusterClient cluster) {
			// SSUBSCRIBE goes to the connection of its slot's master, whose messages
			// Lettuce hands to this connection's listeners.
			pubsub = cluster.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		else {
			pubsub = ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
		}
		pubsub.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void smessage(byte[] shardChannel, byte[] message) {
				hand(message);
			}

		});
		if (client instanceof RedisClusterClient) {
			// A shard subscription lives on its master's connection, and goes with that
			// master. Lettuce tells of a new topology before its connections route by it
			// (the event reaches this listener on another thread), so subscribing here
			// could still reach the dead master: the link subscribes again on its own
			// thread, and retries until every subscription is confirmed.
			this.topologyChanges = client.getResources()
				.eventBus()
				.get()
				.filter(ClusterTopologyChangedEvent.class::isInstance)
				.subscribe((event) -> {
					this.topologyChanged = true;
					this.onStale.run();
				});
		}
		this.connection = pubsub;
		return pubsub;
	}

	/**
	 * On a Redis Cluster, have Lettuce read the topology now rather than at its next
	 * periodic refresh: its adaptive refresh runs at most once in 30 s, so after a
	 * failover it may learn of the new master only up to a period late.
	 */
	private void refreshTopology() {
		// One at a time: on a loaded machine a refresh (a connection to every node) may
		// take longer than the link's retries, and they would pile up.
		if (this.factory.getNativeClient() instanceof RedisClusterClient cluster
				&& this.refreshing.compareAndSet(false, true)) {
			cluster.refreshPartitionsAsync().whenComplete((done, failure) -> this.refreshing.set(false));
		}
	}

	private void hand(byte[] message) {
		try {
			this.inbound.execute(() -> this.handler.accept(message));
		}
		catch (RuntimeException ex) {
			logger.debug("Dropped a message after stopping", ex);
		}
	}

	private void await(CompletableFuture<Void> confirmed) {
		try {
			confirmed.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while subscribing", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("subscription refused: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("subscription not confirmed within " + this.timeout, ex);
		}
	}

	private static byte[] bytes(String name) {
		return name.getBytes(StandardCharsets.UTF_8);
	}

}
