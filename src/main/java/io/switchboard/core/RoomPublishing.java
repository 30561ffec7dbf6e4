package io.switchboard.core;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.SortedMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Chat lines that services send without being clients (the publish API), and operators'
 * messages (the clients endpoint): they go straight to the room relay, past the
 * per-client path and what it checks of a client (membership, flood gate, room policies),
 * so a service may write where clients may not. The sender is shown as {@code [name]},
 * which no nick can be, so a service never passes for a person.
 */
public final class RoomPublishing {

	/** The publish API, as the message counters tag it. */
	public static final Protocol API = Protocol.of("api", Protocol.Kind.MESSAGES);

	private static final Pattern NAME = Pattern.compile(ChatCommands.NAME_PATTERN);

	private final Rooms rooms;

	private final RoomRelay relay;

	private final ClusterBridge cluster;

	private final SwitchboardMetrics metrics;

	private final Charset charset;

	RoomPublishing(Rooms rooms, RoomRelay relay, ClusterBridge cluster, SwitchboardMetrics metrics, Charset charset) {
		this.rooms = rooms;
		this.relay = relay;
		this.cluster = cluster;
		this.metrics = metrics;
		this.charset = charset;
	}

	/**
	 * Send one line to a room as {@code [from]}. In a cluster it goes through Redis,
	 * which gives it its id (waited for here), and every node (this one too) delivers it
	 * when it comes back: the count is not known here then.
	 * @param room a room name ({@code /join}'s rules)
	 * @param from the service's name, by the rules of a nick
	 * @param text one line, within {@code max-message-bytes}; escaped here like a
	 * client's
	 */
	public Published publish(String room, String from, String text) {
		if (!NAME.matcher(room).matches() || !NAME.matcher(from).matches()) {
			throw new IllegalArgumentException("room and from must be 1-32 of A-Z a-z 0-9 _ . -");
		}
		this.metrics.received(API, text.getBytes(this.charset).length);
		Event.Chat line = new Event.Chat("", room, shownAs(from), TerminalSafeText.escape(text), Instant.now(),
				System.nanoTime());
		CompletionStage<String> publication = this.cluster.publishChat(room, null, line, () -> ChatIds.newTag(room));
		if (publication != null) {
			try {
				// The cluster bounds the wait (its command timeout); an HTTP worker
				// waits.
				return new Published(room, publication.toCompletableFuture().get(), null, true);
			}
			catch (ExecutionException ex) {
				// not taken: this node's members get it, as below
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while publishing", ex);
			}
		}
		RoomRelay.Delivered delivered = this.relay.deliverCounted(room, line);
		Event.Chat kept = delivered.line();
		return new Published(room, (kept != null) ? kept.id() : null, delivered.queued(), false);
	}

	/**
	 * Send {@code * [operator] text} to one room or, if {@code room} is null, to
	 * everyone.
	 * @return how many clients of this node it was queued for, or -1 if it went through
	 * the cluster (each node then delivers its own)
	 */
	public int operatorMessage(String text, @Nullable String room) {
		Event message = new Event.Operator(TerminalSafeText.escape(text));
		if (this.cluster.publishOperator(room, message)) {
			return -1;
		}
		return deliverOperatorMessage(message, room);
	}

	/**
	 * Deliver an operator message (from this node's operator, or through the cluster) to
	 * this node's clients.
	 * @return how many clients it was queued for
	 */
	public int deliverOperatorMessage(Event message, @Nullable String room) {
		return this.relay.operatorMessage(message, room);
	}

	/**
	 * Whether anyone is in the room: on any node in a cluster, on this node otherwise (or
	 * while the cluster is unreachable).
	 */
	public boolean hasMembers(String room) {
		SortedMap<String, Integer> everywhere = this.cluster.rooms();
		if (everywhere != null) {
			return everywhere.getOrDefault(room, 0) > 0;
		}
		return this.rooms.count(room) > 0;
	}

	/**
	 * How a service's name is shown as the sender of its lines.
	 */
	public static String shownAs(String from) {
		return "[" + from + "]";
	}

	/**
	 * What became of a published line.
	 *
	 * @param id its chat line id; null when it reached no one and no history keeps it
	 * @param recipients how many of this node's clients it was queued for; null in a
	 * cluster
	 * @param cluster whether it went through the cluster to every node
	 */
	public record Published(String room, @Nullable String id, @Nullable Integer recipients, boolean cluster) {
	}

}
