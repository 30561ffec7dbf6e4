package io.switchboard.core;

import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * How the hub reaches other Switchboard nodes. A single node uses {@link #LOCAL}, which
 * declines everything, so the hub delivers locally; with {@code switchboard.cluster} a
 * Redis implementation relays room lines and keeps a cluster-wide directory.
 */
public interface ClusterBridge {

	/** One node alone. */
	ClusterBridge LOCAL = new ClusterBridge() {
	};

	/**
	 * What ends the ids of clients made on this node ({@code tcp-7} + suffix): empty
	 * alone, {@code @NODE} in a cluster, so ids are unique across nodes.
	 */
	default String clientIdSuffix() {
		return "";
	}

	/**
	 * Send a room event to every node, this one included (it comes back through
	 * {@link ChatHub#deliverRelayed}).
	 * @param excludedId the client that must not get it, or null
	 * @return false if it could not be sent: the caller delivers it to local members only
	 */
	default boolean publish(String room, @Nullable String excludedId, Event event) {
		return false;
	}

	/**
	 * Like {@link #publish} for a chat line, which the cluster also appends to the room's
	 * stored history and gives its id there (so every node knows it by the same id). It
	 * does not wait for the cluster: a door may call it on its event loop. Lines of one
	 * room handed over one after another reach the cluster in that order.
	 * @param tagIfNew makes the tag of the room's ids if the cluster has none for it yet
	 * @return null if it cannot be sent (the caller delivers it to local members only);
	 * else the line's id once the cluster has it, or a failure if the cluster could not
	 * take it (the caller then delivers it to local members only), never completed
	 * exceptionally on an I/O thread
	 */
	default @Nullable CompletionStage<String> publishChat(String room, @Nullable String excludedId, Event.Chat chat,
			Supplier<String> tagIfNew) {
		return null;
	}

	/**
	 * A room's last {@code limit} lines as the cluster stores them, with the tag of their
	 * ids; null with no store (one node) or while it is unreachable.
	 */
	default @Nullable StoredHistory storedHistory(String room, int limit) {
		return null;
	}

	/**
	 * Every room's topic as the cluster keeps it; empty with none (one node) or while it
	 * is unreachable.
	 */
	default List<Event.Topic> storedTopics() {
		return List.of();
	}

	/**
	 * A room's topic as the cluster keeps it (an empty text if it has none); null with no
	 * store (one node) or while it is unreachable.
	 */
	default Event.@Nullable Topic storedTopic(String room) {
		return null;
	}

	/**
	 * A room was created on this node, before its first member is in and before its
	 * history is loaded: from now on this node must hear the room's events (a cluster
	 * relays a room only to the nodes that have members in it). Returns once it does, so
	 * no line falls between the load and the live ones (or at once while the cluster is
	 * unreachable: its return reloads the rooms).
	 */
	default void roomOpened(String room) {
	}

	/**
	 * A room lost its last member on this node and is gone here: its events need not
	 * reach this node any more.
	 */
	default void roomClosed(String room) {
	}

	/**
	 * A member is joining a room on this node: count it among the room's members in the
	 * whole cluster, unless that makes more than {@code maxMembers} (0 = no limit). Lets
	 * a room's member limit and its first member's operator rights hold across nodes.
	 * @return {@link Seat#LOCAL} if only this node decides (one node, or the cluster is
	 * unreachable)
	 */
	default Seat takeSeat(ClientSession session, String room, int maxMembers) {
		return Seat.LOCAL;
	}

	/**
	 * A seat {@link #takeSeat taken} for a join that did not happen after all. (Members
	 * leaving give theirs back through {@link #updated} and {@link #removed}.)
	 */
	default void giveBackSeat(ClientSession session, String room) {
	}

	/**
	 * Like {@link #publish} for an operator message to one room or, if {@code room} is
	 * null, every room.
	 */
	default boolean publishOperator(@Nullable String room, Event message) {
		return false;
	}

	/**
	 * Send a private message to the client holding {@code nick} on another node (this
	 * node's clients were looked up first). It goes through Redis only to be delivered by
	 * the node holding the nick, never to every node's clients.
	 */
	default PrivateRoute sendPrivate(String nick, Event.Private message) {
		return PrivateRoute.NO_SUCH_NICK;
	}

	/**
	 * Reserve a nick across nodes (the local registry still decides among this node's
	 * clients).
	 */
	default NickClaim claimNick(ClientSession session, String nick) {
		return NickClaim.CLAIMED;
	}

	default void releaseNick(ClientSession session, String nick) {
	}

	/**
	 * A client joined, moved to another room or took a nick.
	 */
	default void updated(ClientSession session) {
	}

	/**
	 * A client is gone; its nick is released.
	 */
	default void removed(ClientSession session) {
	}

	/**
	 * Who is in a room on every node, in order of arrival; null if only this node knows
	 * (single node, or the cluster is unreachable).
	 */
	default @Nullable List<String> who(String room) {
		return null;
	}

	/**
	 * Rooms and their member counts over every node; null as for {@link #who}.
	 */
	default @Nullable SortedMap<String, Integer> rooms() {
		return null;
	}

	/**
	 * Keep a ban in the cluster's store and announce it to the other nodes, which
	 * disconnect their clients that match it.
	 * @return false with no cluster: the ban is this node's alone
	 * @throws IllegalStateException if the cluster is unreachable (nothing was stored)
	 */
	default boolean shareBan(Ban ban) {
		return false;
	}

	/**
	 * Remove a ban from the cluster's store and tell the other nodes.
	 * @return whether the store had it (false with no cluster)
	 * @throws IllegalStateException if the cluster is unreachable
	 */
	default boolean liftBan(String id) {
		return false;
	}

	/**
	 * Every ban in force in the cluster's store; null with none (one node) or while it is
	 * unreachable.
	 */
	default @Nullable List<Ban> storedBans() {
		return null;
	}

	/**
	 * A room's history as the cluster stores it: the tag of its ids and its lines, oldest
	 * first.
	 */
	record StoredHistory(String tag, List<Event.Chat> lines) {
	}

	/**
	 * The outcome of {@link #sendPrivate}.
	 */
	enum PrivateRoute {

		SENT, NO_SUCH_NICK, UNAVAILABLE

	}

	/**
	 * The outcome of {@link #takeSeat}.
	 */
	enum Seat {

		/**
		 * Counted, and nobody else is in the room on any node: the room's first member.
		 */
		FIRST,

		/** Counted; others are in the room (on some node). */
		TAKEN,

		/** The room is full across the cluster: not counted. */
		FULL,

		/** Not counted: this node decides alone. */
		LOCAL

	}

	/**
	 * The outcome of {@link #claimNick}.
	 */
	enum NickClaim {

		CLAIMED, TAKEN, UNAVAILABLE

	}

}
