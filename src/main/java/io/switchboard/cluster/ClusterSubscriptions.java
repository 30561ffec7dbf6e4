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
import java.util.function.Consumer;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
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
 * Redis engine and NATS do it). Room channels are shard channels ({@code SSUBSCRIBE}): on
 * a Redis Cluster each is subscribed on the master that holds its room's keys, so a
 * room's traffic stays on its shard. One Lettuce pub/sub connection from the connection
 * factory's own client (standalone, Sentinel or Cluster) carries them all; what it
 * receives is handed, in the order received, to one thread that feeds the hub.
 * <p>
 * A room is subscribed before its history is loaded, and the subscription is confirmed by
 * Redis before that load starts, so no line falls between the two.
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
	 * @throws RuntimeException if Redis is unreachable
	 */
	void subscribeAll() {
		StatefulRedisPubSubConnection<byte[], byte[]> pubsub = connected();
		List<CompletableFuture<Void>> confirmations = new ArrayList<>();
		confirmations.add(pubsub.async()
			.subscribe(bytes(this.keys.nodeChannel(this.node)), bytes(this.keys.controlChannel()))
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
				logger.debug("Subscription to room " + room + " not confirmed; the link's return subscribes again", ex);
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
	 * Whether this node hears a room and Redis confirmed it.
	 */
	boolean hears(String room) {
		synchronized (this.lock) {
			CompletableFuture<Void> confirmed = this.subscribed.get(room);
			return confirmed != null && confirmed.isDone() && !confirmed.isCompletedExceptionally();
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
			StatefulRedisClusterPubSubConnection<byte[], byte[]> clustered = cluster
				.connectPubSub(ByteArrayCodec.INSTANCE);
			// Plain SUBSCRIBE goes to one node; PUBLISH reaches it from any node.
			clustered.setNodeMessagePropagation(true);
			pubsub = clustered;
		}
		else {
			pubsub = ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
		}
		pubsub.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(byte[] channel, byte[] message) {
				hand(message);
			}

			@Override
			public void smessage(byte[] shardChannel, byte[] message) {
				hand(message);
			}

		});
		if (client instanceof RedisClusterClient) {
			// A room's subscription lives on its master's connection, which goes with
			// that
			// master: when the topology changes (a failover), subscribe the rooms again
			// on
			// their masters as they are now. Redis ignores a subscription it has already.
			this.topologyChanges = client.getResources()
				.eventBus()
				.get()
				.filter(ClusterTopologyChangedEvent.class::isInstance)
				.subscribe((event) -> resubscribeRooms());
		}
		this.connection = pubsub;
		return pubsub;
	}

	/**
	 * Subscribe every room again, without waiting (on Lettuce's event thread).
	 */
	private void resubscribeRooms() {
		StatefulRedisPubSubConnection<byte[], byte[]> pubsub = this.connection;
		if (pubsub == null) {
			return;
		}
		synchronized (this.lock) {
			for (String room : this.interest.keySet()) {
				this.subscribed.put(room,
						pubsub.async().ssubscribe(bytes(this.keys.roomChannel(room))).toCompletableFuture());
			}
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
