package io.switchboard.cluster;

import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.ClusterBridge;
import io.switchboard.core.Event;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisTemplate;

/**
 * Publishing on the cluster channel, counted: a message goes out only while the link is
 * up, and a failure takes the link down (the hub then delivers locally). Chat lines go
 * through the room's stored history when there is one ({@link ClusterHistory}).
 */
final class ClusterChannel {

	private final RedisTemplate<String, byte[]> publisher;

	private final String channel;

	private final ClusterLink link;

	private final @Nullable ClusterHistory history;

	private final Counter published;

	private final Counter received;

	private final Counter publishFailures;

	ClusterChannel(RedisTemplate<String, byte[]> publisher, String channel, ClusterLink link,
			@Nullable ClusterHistory history, MeterRegistry meters) {
		this.publisher = publisher;
		this.channel = channel;
		this.link = link;
		this.history = history;
		this.published = Counter.builder("switchboard.cluster.published")
			.description("Room lines and operator messages published to the cluster")
			.register(meters);
		this.received = Counter.builder("switchboard.cluster.received")
			.description("Messages received from the cluster channel (this node's own included)")
			.register(meters);
		this.publishFailures = Counter.builder("switchboard.cluster.publish.failures")
			.description("Lines that reached local members only because the cluster was unreachable")
			.register(meters);
	}

	boolean send(ClusterMessage message) {
		return publish((redis) -> {
			Long receivers = this.publisher.convertAndSend(this.channel, ClusterMessage.encode(message));
			return (receivers != null) ? receivers : 0;
		});
	}

	/**
	 * A chat line: appended to the room's stored history and published with the id it
	 * gets there; without stored history, published like any room event.
	 */
	boolean sendChat(String origin, String room, String excludedId, Event.Chat chat, Supplier<String> tagIfNew) {
		ClusterHistory stored = this.history;
		if (stored == null) {
			return send(new ClusterMessage.RoomEvent(origin, room, excludedId, chat));
		}
		return publish((redis) -> stored.appendAndPublish(origin, room, excludedId, chat, tagIfNew.get()));
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

	void received() {
		this.received.increment();
	}

	private boolean publish(ToLongFunction<RedisTemplate<String, byte[]>> publication) {
		if (!this.link.isUp()) {
			this.publishFailures.increment();
			return false;
		}
		try {
			if (publication.applyAsLong(this.publisher) == 0) {
				throw new IllegalStateException("no node subscribed to " + this.channel);
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
