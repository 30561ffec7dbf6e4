package io.switchboard.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.ClusterBridge;
import io.switchboard.core.Event;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Publishing to the cluster, counted: a message goes out only while the link is up, and a
 * failure takes the link down (the hub then delivers locally). A room's events go on the
 * room's shard channel, heard by the nodes with a member in it; what is addressed to one
 * node on that node's channel; what every node must hear on the control channel. Chat
 * lines go through the room's stored history when there is one ({@link ClusterHistory}).
 */
final class ClusterChannel {

	private static final AsyncScripts.Script SHARD_PUBLISH_ASYNC = AsyncScripts.Script
		.of("return {redis.call('SPUBLISH', KEYS[1], ARGV[1]), ''}");

	private static final RedisScript<Long> SHARD_PUBLISH = RedisScript
		.of("return redis.call('SPUBLISH', KEYS[1], ARGV[1])", Long.class);

	private final RedisTemplate<String, byte[]> publisher;

	private final AsyncScripts scripts;

	private final ClusterKeys keys;

	private final Duration timeout;

	/** Where a failed line is handed back to the hub, in the order they failed. */
	private final ExecutorService fallback = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("switchboard-cluster-fallback").daemon().factory());

	private final ClusterLink link;

	private final @Nullable ClusterHistory history;

	private final Predicate<String> hears;

	private final Counter published;

	private final Counter received;

	private final Counter publishFailures;

	/**
	 * @param hears whether this node hears a room's channel (then it must receive its own
	 * publication there)
	 */
	ClusterChannel(RedisTemplate<String, byte[]> publisher, AsyncScripts scripts, ClusterKeys keys, Duration timeout,
			ClusterLink link, @Nullable ClusterHistory history, Predicate<String> hears, MeterRegistry meters) {
		this.publisher = publisher;
		this.scripts = scripts;
		this.keys = keys;
		this.timeout = timeout;
		this.link = link;
		this.history = history;
		this.hears = hears;
		this.published = Counter.builder("switchboard.cluster.published")
			.description("Room lines and operator messages published to the cluster")
			.register(meters);
		this.received = Counter.builder("switchboard.cluster.received")
			.description("Messages received from the cluster (this node's own included)")
			.register(meters);
		this.publishFailures = Counter.builder("switchboard.cluster.publish.failures")
			.description("Lines that reached local members only because the cluster was unreachable")
			.register(meters);
	}

	/**
	 * An event for a room's members on every node, on the room's channel.
	 */
	boolean sendToRoom(String room, ClusterMessage message) {
		return publish(room,
				(redis) -> shardPublish(redis, this.keys.roomChannel(room), ClusterMessage.encode(message)));
	}

	/**
	 * A message for one node, on its channel.
	 * @return false if it could not be sent, or that node does not listen (it is gone)
	 */
	boolean sendToNode(String node, ClusterMessage message) {
		if (!this.link.isUp()) {
			return false;
		}
		try {
			return shardPublish(this.publisher, this.keys.nodeChannel(node), ClusterMessage.encode(message)) > 0;
		}
		catch (RuntimeException ex) {
			this.link.down(ex);
			return false;
		}
	}

	/**
	 * A message every node hears (this one too), on the control channel.
	 */
	boolean sendToAll(ClusterMessage message) {
		return publish(null,
				(redis) -> shardPublish(redis, this.keys.controlChannel(), ClusterMessage.encode(message)));
	}

	/**
	 * {@code SPUBLISH} (which Spring Data Redis lacks) through a script, on the master of
	 * the channel's slot.
	 * @return how many subscribers got it
	 */
	static long shardPublish(RedisTemplate<String, byte[]> redis, String channel, byte[] message) {
		Long receivers = redis.execute(SHARD_PUBLISH, List.of(channel), message);
		return (receivers != null) ? receivers : 0;
	}

	/**
	 * A chat line, without waiting: appended to the room's stored history and published
	 * with the id it gets there; without stored history, published like any room event.
	 * @return null if the link is down; else its id once Redis has it, or a failure
	 * (counted, the link taken down), completed on this channel's fallback thread so the
	 * local delivery that follows never runs on Lettuce's event loop
	 */
	@Nullable CompletableFuture<String> sendChat(String origin, String room, String excludedId, Event.Chat chat,
			Supplier<String> tagIfNew) {
		if (!this.link.isUp()) {
			this.publishFailures.increment();
			return null;
		}
		CompletableFuture<List<Object>> answer;
		try {
			ClusterHistory stored = this.history;
			answer = (stored != null) ? stored.appendAndPublish(origin, room, excludedId, chat, tagIfNew.get())
					: this.scripts.run(SHARD_PUBLISH_ASYNC, List.of(bytes(this.keys.roomChannel(room))),
							ClusterMessage.encode(new ClusterMessage.RoomEvent(origin, room, excludedId, chat)));
		}
		catch (RuntimeException ex) {
			this.publishFailures.increment();
			this.link.down(ex);
			return null;
		}
		CompletableFuture<String> published = new CompletableFuture<>();
		answer.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((result, failure) -> {
			Throwable problem = failure;
			if (problem == null && ((Long) result.get(0)) == 0 && this.hears.test(room)) {
				problem = new IllegalStateException("this node's subscription is gone (room " + room + ")");
			}
			if (problem == null) {
				this.published.increment();
				published.complete(new String((byte[]) result.get(1), StandardCharsets.UTF_8));
			}
			else {
				this.publishFailures.increment();
				this.link.down(problem);
				Throwable lost = problem;
				this.fallback.execute(() -> published.completeExceptionally(lost));
			}
		});
		return published;
	}

	void stop() {
		this.fallback.shutdown();
	}

	/**
	 * A room's stored history; null without a store, or while it is unreachable.
	 */
	ClusterBridge.@Nullable StoredHistory storedHistory(String room, int limit) {
		ClusterHistory stored = this.history;
		if (stored == null || !this.link.isUp()) {
			return null;
		}
		try {
			return stored.read(room, limit);
		}
		catch (RuntimeException ex) {
			this.link.down(ex);
			return null;
		}
	}

	private static byte[] bytes(String name) {
		return name.getBytes(StandardCharsets.UTF_8);
	}

	void received() {
		this.received.increment();
	}

	/**
	 * @param room the room whose channel it goes on, or null for the control channel
	 * (which this node always hears)
	 */
	private boolean publish(@Nullable String room, ToLongFunction<RedisTemplate<String, byte[]>> publication) {
		if (!this.link.isUp()) {
			this.publishFailures.increment();
			return false;
		}
		try {
			// A channel this node hears must count it among its receivers: none means its
			// subscription is gone (a Redis restarted, a shard failed over), and it would
			// not deliver its own line.
			if (publication.applyAsLong(this.publisher) == 0 && (room == null || this.hears.test(room))) {
				throw new IllegalStateException("this node's subscription is gone"
						+ ((room != null) ? " (room " + room + ")" : " (control channel)"));
			}
			this.published.increment();
			return true;
		}
		catch (RuntimeException ex) {
			this.publishFailures.increment();
			this.link.down(ex);
			return false;
		}
	}

}
