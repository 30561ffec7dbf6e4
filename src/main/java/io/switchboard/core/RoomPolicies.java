package io.switchboard.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code switchboard.rooms.policies} says about a room: whether it is read-only, how
 * much history it keeps and how many members it takes. Looked up on every line sent, so
 * it is a scan of a short list with no allocation; with no policies it costs nothing.
 */
public final class RoomPolicies {

	/** No policies: every room is open, keeps the default history and takes anyone. */
	public static final RoomPolicies NONE = new RoomPolicies(new RoomsProperties(List.of(), 20, Duration.ofHours(1)),
			0);

	private final List<RoomsProperties.Policy> policies;

	private final int defaultHistory;

	private final RoomsProperties properties;

	/**
	 * @param defaultHistory the lines a room keeps when its policy does not say
	 * ({@code switchboard.history.size}, 0 if history is off)
	 */
	public RoomPolicies(RoomsProperties properties, int defaultHistory) {
		this.properties = properties;
		this.policies = List.copyOf(properties.policies());
		this.defaultHistory = defaultHistory;
	}

	/**
	 * Whether members' lines are refused in the room.
	 */
	public boolean readOnly(String room) {
		RoomsProperties.Policy policy = of(room);
		return policy != null && policy.readOnly();
	}

	/**
	 * The lines of the room that history keeps. History switched off server-wide stays
	 * off: a policy only sizes the history of rooms when there is one.
	 */
	public int historySize(String room) {
		RoomsProperties.Policy policy = of(room);
		return (policy == null || policy.history() == null || this.defaultHistory == 0) ? this.defaultHistory
				: policy.history();
	}

	/**
	 * Whether the first member of the room, when empty, becomes its operator: in rooms
	 * people make (no policy names them), or where the policy says so. The default room
	 * never has one ({@link Rooms}): whoever came first into an empty lobby could kick
	 * everyone who came after.
	 */
	public boolean firstMemberOperator(String room) {
		RoomsProperties.Policy policy = of(room);
		return policy == null || policy.firstMemberOperator();
	}

	/**
	 * Whether a signed-in client is an operator of the room by its policy's
	 * {@code operators}.
	 */
	public boolean namesOperator(String room, @Nullable Identity identity) {
		RoomsProperties.Policy policy = of(room);
		return identity != null && policy != null && policy.operators().contains(identity.subject());
	}

	/**
	 * Whether a policy names the room itself (not by a prefix or {@code *}): a room the
	 * server's operator set up, whose topic stays while it is empty.
	 */
	public boolean namesExactly(String room) {
		for (RoomsProperties.Policy policy : this.policies) {
			if (!policy.pattern().endsWith("*") && policy.pattern().equalsIgnoreCase(room)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The settings of rooms that are not per policy (topics).
	 */
	RoomsProperties properties() {
		return this.properties;
	}

	/**
	 * The most members the room takes on this node; 0 = no limit.
	 */
	public int maxMembers(String room) {
		RoomsProperties.Policy policy = of(room);
		return (policy != null) ? policy.maxMembers() : 0;
	}

	private RoomsProperties.@Nullable Policy of(String room) {
		for (RoomsProperties.Policy policy : this.policies) {
			if (RoomPattern.matches(policy.pattern(), room)) {
				return policy;
			}
		}
		return null;
	}

}
