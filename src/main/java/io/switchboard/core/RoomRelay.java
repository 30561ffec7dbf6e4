package io.switchboard.core;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Fan-out: a room event goes through the cluster if there is one (every node, this one
 * included, delivers what comes back, in the cluster's order), else straight to the local
 * members; either way each event is rendered once per dialect among the receivers. A chat
 * line gets its id and its place in history under the room's lock, in the order the
 * members receive it.
 */
final class RoomRelay {

	private final Rooms rooms;

	private final ClusterBridge cluster;

	private final History history;

	private final BooleanSupplier accepting;

	private final Topics topics;

	private final boolean announcePresence;

	/** Whether a door whose clients see joins and leaves anyway is open (IRC). */
	private volatile boolean presenceWanted;

	RoomRelay(Rooms rooms, ClusterBridge cluster, History history, Topics topics, BooleanSupplier accepting,
			boolean announcePresence) {
		this.topics = topics;
		this.announcePresence = announcePresence;
		this.rooms = rooms;
		this.cluster = cluster;
		this.history = history;
		this.accepting = accepting;
	}

	void relay(String room, @Nullable String excludedId, Event event) {
		relay(room, excludedId, event, null);
	}

	/**
	 * Relay an event; a chat line goes to the cluster without waiting for it.
	 * @param unrelayed told if a chat line reached this node's members only, because the
	 * cluster could not take it (never lost silently)
	 */
	void relay(String room, @Nullable String excludedId, Event event, @Nullable Runnable unrelayed) {
		if (!(event instanceof Event.Chat chat)) {
			if (!this.cluster.publish(room, excludedId, event)) {
				deliver(room, excludedId, event);
			}
			return;
		}
		CompletionStage<String> publication = this.cluster.publishChat(room, excludedId, chat,
				() -> ChatIds.newTag(room));
		if (publication == null) {
			deliver(room, excludedId, event);
			if (this.cluster != ClusterBridge.LOCAL && unrelayed != null) {
				unrelayed.run();
			}
			return;
		}
		publication.whenComplete((id, failure) -> {
			if (failure != null) {
				deliver(room, excludedId, event);
				if (unrelayed != null) {
					unrelayed.run();
				}
			}
		});
	}

	/**
	 * Tell the room that someone joined or left ({@code switchboard.announce-presence}).
	 */
	void presence(ClientSession subject, String room, boolean joined) {
		left(subject, room, joined, false, "");
	}

	/**
	 * Tell the rooms of a client that it changed its nick.
	 */
	void renamed(ClientSession subject, String from) {
		if (this.announcePresence || this.presenceWanted) {
			for (String room : subject.membership().all()) {
				relay(room, subject.id(), new Event.Renamed(room, from, subject.from()));
			}
		}
	}

	/**
	 * Tell the room that someone left: it parted ({@code quit} false) or its connection
	 * ended, with its reason.
	 */
	void left(ClientSession subject, String room, boolean joined, boolean quit, String reason) {
		if (this.announcePresence || this.presenceWanted) {
			relay(room, subject.id(), new Event.Presence(room, subject.from(), joined, quit, reason));
		}
	}

	/**
	 * Relay joins and leaves from now on even with {@code announce-presence} off, for the
	 * clients whose dialect {@linkplain io.switchboard.core.Dialect#wantsPresence wants
	 * them}.
	 */
	void wantPresence() {
		this.presenceWanted = true;
	}

	/**
	 * Deliver a room event to this node's members of the room, except {@code excludedId}.
	 * Checks the server is still accepting under the room's lock: the shutdown notice is
	 * queued under the same lock, so no line lands after it.
	 */
	void deliver(String room, @Nullable String excludedId, Event event) {
		if (event instanceof Event.Topic change) {
			// Every node keeps every topic, also of rooms it has no members in yet.
			this.topics.apply(change);
		}
		Event[] recorded = new Event[1];
		RenderedEvent[] rendered = new RenderedEvent[1];
		boolean toEveryone = this.announcePresence || !presenceOnly(event);
		this.rooms.fanOut(room, !toEveryone, () -> {
			if (!this.accepting.getAsBoolean()) {
				return false;
			}
			recorded[0] = event;
			if (event instanceof Event.Chat chat) {
				if (chat.id().isEmpty()) {
					recorded[0] = this.history.record(chat);
				}
				else if (!this.history.recordStamped(chat)) {
					return false; // its member(s) here got it from the store already
				}
			}
			rendered[0] = new RenderedEvent(recorded[0]);
			return true;
		}, () -> {
			// Each loop renders the event for itself (a rendering is one loop's): once
			// per dialect per loop, its members share the bytes.
			RenderedEvent onLoop = new RenderedEvent(recorded[0]);
			return (member) -> {
				if (receives(member, excludedId, toEveryone)) {
					member.sendOnLoop(onLoop);
				}
			};
		}, (member) -> {
			if (receives(member, excludedId, toEveryone)) {
				member.send(rendered[0]);
			}
		});
	}

	/**
	 * Whether a member gets a room's event (asked per member of a fan-out: what does not
	 * depend on the member was worked out once, {@code toEveryone}).
	 */
	private static boolean receives(ClientSession member, @Nullable String excludedId, boolean toEveryone) {
		return (excludedId == null || !excludedId.equals(member.id()))
				&& (toEveryone || member.dialect().wantsPresence());
	}

	/**
	 * Whether only the clients that see joins and leaves get this event (a kick is told
	 * to everyone).
	 */
	private static boolean presenceOnly(Event event) {
		return event instanceof Event.Presence presence && presence.kickedBy() == null
				|| event instanceof Event.Renamed;
	}

	/**
	 * Deliver a chat line that comes from no client (the publish API) to this node's
	 * members of the room. With none here it is still kept in history (if history is on),
	 * so whoever joins next sees it.
	 * @return the line as kept, with its id (null if history is off and nobody was here,
	 * or the server is shutting down), and how many members it was queued for
	 */
	Delivered deliverCounted(String room, Event.Chat chat) {
		Event.Chat[] recorded = new Event.Chat[1];
		RenderedEvent[] rendered = new RenderedEvent[1];
		AtomicInteger queued = new AtomicInteger();
		this.rooms.forEachMember(room, () -> {
			if (!this.accepting.getAsBoolean()) {
				return false;
			}
			recorded[0] = this.history.record(chat);
			rendered[0] = new RenderedEvent(recorded[0]);
			return true;
		}, (member) -> {
			if (member.send(rendered[0])) {
				queued.incrementAndGet();
			}
		}, () -> {
			if (this.accepting.getAsBoolean() && this.history.enabled()) {
				recorded[0] = this.history.record(chat);
			}
		});
		return new Delivered(recorded[0], queued.get());
	}

	/**
	 * Deliver an operator message to this node's members of one room or, if {@code room}
	 * is null, of every room.
	 * @return how many clients it was queued for
	 */
	int operatorMessage(Event message, @Nullable String room) {
		RenderedEvent rendered = new RenderedEvent(message);
		Set<ClientSession> told = ConcurrentHashMap.newKeySet();
		AtomicInteger queued = new AtomicInteger();
		for (String name : (room != null) ? Set.of(room) : this.rooms.names()) {
			this.rooms.forEachMember(name, (member) -> {
				if (told.add(member) && member.send(rendered)) {
					queued.incrementAndGet();
				}
			});
		}
		return queued.get();
	}

	/**
	 * Queue the shutdown notice for every member, room by room under the room's lock, so
	 * it is the last line of each room.
	 * @return who was told
	 */
	Set<ClientSession> shutdownNotice(Event notice) {
		RenderedEvent rendered = new RenderedEvent(notice);
		Set<ClientSession> told = ConcurrentHashMap.newKeySet();
		for (String room : this.rooms.names()) {
			this.rooms.forEachMember(room, (member) -> {
				if (told.add(member)) {
					member.send(rendered);
				}
			});
		}
		return told;
	}

	/**
	 * What {@link #deliverCounted} did: the line as kept (null if not), and how many
	 * members it was queued for.
	 */
	record Delivered(Event.@Nullable Chat line, int queued) {
	}

}
