package io.switchboard.core;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The rooms and their members. Rooms are created on first join and removed when the last
 * member leaves (the default room stays). Each room has its own lock around fan-out so
 * every member sees the room's messages in one order; no lock is shared by all rooms.
 * <p>
 * The first member of an empty room people make is its operator (as IRC's channel
 * creator). Not so in the default room, which everyone enters and anyone can be first in
 * (one unprivileged client kicked ten of ten users there), nor in rooms a policy names
 * (unless it says so): their operators are admin tokens.
 */
final class Rooms {

	/**
	 * Rooms smaller than this are walked on the fan-out's thread, as before shares: their
	 * walk costs microseconds, and a small room's lines at a high rate (the 500k
	 * deliveries/s benchmark) are rendered once, not once per loop.
	 */
	static final int SHARES_FROM_MEMBERS = 256;

	/** The most invitations a room remembers. */
	static final int MAX_INVITES = 100;

	private final Map<String, Room> rooms = new ConcurrentHashMap<>();

	private final int sharesFrom;

	private final String defaultRoom;

	private final Consumer<String> closed;

	private final Consumer<String> created;

	private final Predicate<String> firstMemberOperator;

	private final BiPredicate<String, @Nullable Identity> namedOperator;

	/**
	 * @param closed told the name of a room that lost its last member and is removed
	 * @param created told the name of a room that is created, before its first member is
	 * in and before any line of it can be delivered here
	 * @param firstMemberOperator whether the first member of an empty room (other than
	 * the default room) becomes its operator
	 * @param namedOperator whether a signed-in client is an operator of a room by name (a
	 * room policy's {@code operators})
	 */
	Rooms(String defaultRoom, Consumer<String> closed, Consumer<String> created, Predicate<String> firstMemberOperator,
			BiPredicate<String, @Nullable Identity> namedOperator) {
		this(defaultRoom, closed, created, firstMemberOperator, namedOperator, SHARES_FROM_MEMBERS);
	}

	/**
	 * @param sharesFrom the fewest members for which a fan-out hands each loop its share
	 * ({@link #fanOut})
	 */
	Rooms(String defaultRoom, Consumer<String> closed, Consumer<String> created, Predicate<String> firstMemberOperator,
			BiPredicate<String, @Nullable Identity> namedOperator, int sharesFrom) {
		this.sharesFrom = sharesFrom;
		this.namedOperator = namedOperator;
		this.defaultRoom = defaultRoom;
		this.closed = closed;
		this.created = created;
		this.firstMemberOperator = firstMemberOperator;
		this.rooms.put(defaultRoom, new Room());
	}

	void join(ClientSession session, String room) {
		join(session, room, 0, () -> {
		});
	}

	/**
	 * Add a member, running {@code first} under the room's lock: whatever it queues for
	 * the member comes before any broadcast the member receives.
	 * @param maxMembers most members the room may have (0 = no limit), checked under the
	 * same lock as the member is added, so concurrent joins cannot overfill it
	 * @return false if the room was full: nothing changed and {@code first} did not run
	 */
	boolean join(ClientSession session, String room, int maxMembers, Runnable first) {
		return join(session, room, maxMembers, true, first);
	}

	/**
	 * As {@link #join(ClientSession, String, int, Runnable)}.
	 * @param firstAnywhere false if the room has members on another node: then its first
	 * member here is not its operator
	 */
	boolean join(ClientSession session, String room, int maxMembers, boolean firstAnywhere, Runnable first) {
		boolean[] joined = { true };
		this.rooms.compute(room, (name, existing) -> {
			if (existing == null) {
				this.created.accept(name);
			}
			Room target = (existing != null) ? existing : new Room();
			target.lock.lock();
			try {
				if (maxMembers > 0 && target.members.size() >= maxMembers && !target.members.contains(session)) {
					joined[0] = false;
					return target;
				}
				// The first member of an empty room is its operator (as IRC's channel
				// creator): it may /kick in it; not in the default room or policy rooms.
				if (firstAnywhere && target.members.isEmpty() && !name.equals(this.defaultRoom)
						&& this.firstMemberOperator.test(name)) {
					target.operators.add(session);
				}
				// A member before its reply is queued (counts and /who agree with the
				// reply); still nothing of the room comes first: the lock is held.
				if (target.members.add(session)) {
					target.changed();
					if (session.dialect().wantsPresence()) {
						target.presenceWanting.add(session);
					}
				}
				first.run();
			}
			finally {
				target.lock.unlock();
			}
			return target;
		});
		return joined[0];
	}

	/**
	 * @return whether it was a member
	 */
	boolean leave(ClientSession session, String room) {
		boolean[] removed = new boolean[2];
		this.rooms.computeIfPresent(room, (name, existing) -> {
			removed[0] = existing.members.remove(session);
			if (removed[0]) {
				existing.changed();
				existing.presenceWanting.remove(session);
			}
			existing.operators.remove(session);
			existing.voiced.remove(session);
			removed[1] = existing.members.isEmpty() && !name.equals(this.defaultRoom);
			return removed[1] ? null : existing;
		});
		if (removed[1]) {
			this.closed.accept(room);
		}
		return removed[0];
	}

	/**
	 * Whether a client is an operator of the room: it made it (was its first member, and
	 * is still in it; not in the default room or a policy's), or it is a server operator
	 * (an admin token, an IRC {@code OPER}).
	 */
	boolean isOperator(ClientSession session, String room) {
		Identity identity = session.identity();
		if (session.isServerOperator() || (identity != null && this.namedOperator.test(room, identity))) {
			return true;
		}
		Room target = this.rooms.get(room);
		return target != null && target.operators.contains(session);
	}

	boolean isDefault(String room) {
		return room.equals(this.defaultRoom);
	}

	boolean isMember(ClientSession session, String room) {
		Room target = this.rooms.get(room);
		return target != null && target.members.contains(session);
	}

	/**
	 * Whether a room exists (it has members, or is the default room).
	 */
	boolean isLive(String room) {
		return this.rooms.containsKey(room);
	}

	/**
	 * Run {@code action} under the room's lock, if the room exists: nothing of the room
	 * is delivered meanwhile.
	 */
	void underLock(String room, Runnable action) {
		forEachMember(room, () -> {
			action.run();
			return false;
		}, (member) -> {
		});
	}

	/**
	 * Run {@code delivery} for each member of a room while holding the room's lock, so
	 * concurrent broadcasts reach every member in the same order.
	 * @return how many members there were
	 */
	int forEachMember(String room, Consumer<ClientSession> delivery) {
		return forEachMember(room, () -> true, delivery);
	}

	/**
	 * Like {@link #forEachMember(String, Consumer)}, but only if {@code proceed} still
	 * holds once the lock is taken; a check made before taking it could be stale by then.
	 * @return how many members there were, or 0 if it did not proceed
	 */
	int forEachMember(String room, BooleanSupplier proceed, Consumer<ClientSession> delivery) {
		return forEachMember(room, proceed, delivery, null);
	}

	/**
	 * Like {@link #forEachMember(String, BooleanSupplier, Consumer)}; if the room does
	 * not exist, runs {@code absent} instead, before a join can create it (so what it
	 * keeps is in what the room's creation loads).
	 */
	int forEachMember(String room, BooleanSupplier proceed, Consumer<ClientSession> delivery,
			@Nullable Runnable absent) {
		// Not get(): this waits for a creation of the room in progress (join's compute),
		// so a line cannot slip between what its creation loaded and its first member.
		Room target = (absent == null) ? this.rooms.computeIfPresent(room, (name, existing) -> existing)
				: this.rooms.compute(room, (name, existing) -> {
					if (existing == null) {
						absent.run();
					}
					return existing;
				});
		if (target == null) {
			return 0;
		}
		target.lock.lock();
		// What members on event loops get goes to their loops as one entry per loop
		// (DeliveryBatch), handed over before the lock is released: the room's order.
		try (DeliveryBatch batch = DeliveryBatch.open()) {
			if (!proceed.getAsBoolean()) {
				return 0;
			}
			target.members.forEach(delivery);
			return target.members.size();
		}
		finally {
			target.lock.unlock();
		}
	}

	/**
	 * Deliver to every member of a room under the room's lock, if {@code proceed} still
	 * holds once the lock is taken: each event loop gets its share of the members as one
	 * entry ({@link RoomShares}), handed over before the lock is released (the room's
	 * order is every loop's order), and walks it there; members on no loop are served
	 * here, under the lock.
	 * @param onLoop makes a loop's delivery to each of its members; called under the
	 * lock, after {@code proceed}, once per loop
	 * @return how many members there were, or 0 if it did not proceed
	 */
	int fanOut(String room, BooleanSupplier proceed, Supplier<Consumer<ClientSession>> onLoop,
			Consumer<ClientSession> here) {
		return fanOut(room, false, proceed, onLoop, here);
	}

	/**
	 * Like {@link #fanOut(String, BooleanSupplier, Supplier, Consumer)}, to the members
	 * whose {@linkplain Dialect#wantsPresence dialect wants joins and leaves} only if
	 * {@code presenceWantingOnly}: a join to a room of 19,000 line clients, with an IRC
	 * door open, no longer walks 19,000 members to find nobody who wants it (a join storm
	 * was quadratic in that walk).
	 */
	int fanOut(String room, boolean presenceWantingOnly, BooleanSupplier proceed,
			Supplier<Consumer<ClientSession>> onLoop, Consumer<ClientSession> here) {
		Room target = this.rooms.computeIfPresent(room, (name, existing) -> existing);
		if (target == null) {
			return 0;
		}
		target.lock.lock();
		try (DeliveryBatch batch = DeliveryBatch.open()) {
			if (!proceed.getAsBoolean()) {
				return 0;
			}
			if (presenceWantingOnly) {
				target.presenceWanting.forEach(here);
				return target.presenceWanting.size();
			}
			RoomShares shares = (target.members.size() >= this.sharesFrom) ? target.settledShares() : null;
			if (shares == null) {
				// A small room, or members coming and going (a join storm): walking them
				// here costs what a rebuild would, without the garbage of one per line.
				target.members.forEach(here);
				return target.members.size();
			}
			shares.deliver(onLoop, here);
			return shares.size();
		}
		finally {
			target.lock.unlock();
		}
	}

	/**
	 * How many members a room has on this node.
	 */
	int count(String room) {
		Room target = this.rooms.get(room);
		return (target != null) ? target.members.size() : 0;
	}

	/**
	 * How many members a room has, without copying them.
	 */
	int memberCount(String room) {
		Room target = this.rooms.get(room);
		return (target != null) ? target.members.size() : 0;
	}

	Set<ClientSession> members(String room) {
		Room target = this.rooms.get(room);
		return (target != null) ? Set.copyOf(target.members) : Set.of();
	}

	/**
	 * Room names with their member counts, sorted by name; empty rooms left out.
	 */
	SortedMap<String, Integer> counts() {
		SortedMap<String, Integer> counts = new TreeMap<>();
		this.rooms.forEach((name, room) -> {
			int size = room.members.size();
			if (size > 0) {
				counts.put(name, size);
			}
		});
		return counts;
	}

	Set<String> names() {
		return this.rooms.keySet();
	}

	int size() {
		return this.rooms.size();
	}

	/**
	 * A room's modes ({@link RoomModes#DEFAULT} for a room that does not exist).
	 */
	RoomModes modes(String room) {
		Room target = this.rooms.get(room);
		return (target != null) ? target.modes : RoomModes.DEFAULT;
	}

	/**
	 * Change a live room's modes.
	 * @return false if the room does not exist
	 */
	boolean changeModes(String room, UnaryOperator<RoomModes> change) {
		Room target = this.rooms.get(room);
		if (target == null) {
			return false;
		}
		synchronized (target) {
			target.modes = change.apply(target.modes);
		}
		return true;
	}

	/**
	 * When a live room was created (its first member joined), in seconds since the epoch;
	 * 0 if it does not exist.
	 */
	long created(String room) {
		Room target = this.rooms.get(room);
		return (target != null) ? target.created : 0;
	}

	/**
	 * Make a member an operator of the room ({@code +o}), or no longer one.
	 * @return false if it is not a member
	 */
	boolean operator(ClientSession session, String room, boolean operator) {
		return mark(session, room, operator, (target) -> target.operators);
	}

	/**
	 * Voice a member ({@code +v}: it may speak in a moderated room), or no longer.
	 * @return false if it is not a member
	 */
	boolean voice(ClientSession session, String room, boolean voiced) {
		return mark(session, room, voiced, (target) -> target.voiced);
	}

	/**
	 * Put a member in one of the room's sets of members ({@code +o}, {@code +v}), or take
	 * it out.
	 * @return false if it is not a member
	 */
	private boolean mark(ClientSession session, String room, boolean in, Function<Room, Set<ClientSession>> marked) {
		Room target = this.rooms.get(room);
		if (target == null || !target.members.contains(session)) {
			return false;
		}
		if (in) {
			marked.apply(target).add(session);
		}
		else {
			marked.apply(target).remove(session);
		}
		return true;
	}

	boolean isVoiced(ClientSession session, String room) {
		Room target = this.rooms.get(room);
		return target != null && target.voiced.contains(session);
	}

	/**
	 * Invite a nick into a live room: it may join it once, whatever {@code +i}. A room
	 * remembers at most {@value #MAX_INVITES} invitations, the oldest forgotten first.
	 */
	boolean invite(String room, String nick) {
		Room target = this.rooms.get(room);
		if (target == null) {
			return false;
		}
		synchronized (target.invited) {
			if (target.invited.size() >= MAX_INVITES) {
				target.invited.remove(target.invited.iterator().next());
			}
			target.invited.add(nick.toLowerCase(Locale.ROOT));
		}
		return true;
	}

	/**
	 * Whether the nick was invited into the room; the invitation is used up.
	 */
	boolean takeInvitation(String room, @Nullable String nick) {
		Room target = this.rooms.get(room);
		if (target == null || nick == null) {
			return false;
		}
		synchronized (target.invited) {
			return target.invited.remove(nick.toLowerCase(Locale.ROOT));
		}
	}

	private static final class Room {

		final Set<ClientSession> members = ConcurrentHashMap.newKeySet();

		/**
		 * The members whose dialect wants joins and leaves (IRC's): a subset of members.
		 */
		final Set<ClientSession> presenceWanting = ConcurrentHashMap.newKeySet();

		final Set<ClientSession> operators = ConcurrentHashMap.newKeySet();

		final Set<ClientSession> voiced = ConcurrentHashMap.newKeySet();

		/** Nicks invited (lower case), oldest first. */
		final Set<String> invited = new LinkedHashSet<>();

		final long created = System.currentTimeMillis() / 1000;

		volatile RoomModes modes = RoomModes.DEFAULT;

		final ReentrantLock lock = new ReentrantLock();

		/** Counts changes of members (a leave changes it without the lock). */
		private final AtomicInteger version = new AtomicInteger();

		/**
		 * The members by loop as of some version; built under the lock, dropped on any
		 * change (so that members who left are not held until the room's next line).
		 */
		private volatile @Nullable RoomShares shares;

		void changed() {
			this.version.incrementAndGet();
			this.shares = null;
		}

		/** The version the last fan-out found (guarded by the lock). */
		private int lastFanOutVersion = -1;

		/**
		 * The members by loop (under the lock); rebuilt when they have not changed since
		 * the room's last fan-out, null while they are changing between fan-outs. A
		 * rebuild per line would make a join storm quadratic in garbage: each of 19,000
		 * joins relays a presence event to the room (for the doors that want them).
		 */
		@Nullable RoomShares settledShares() {
			int now = this.version.get();
			RoomShares current = this.shares;
			if (current != null && current.version == now) {
				return current;
			}
			if (now != this.lastFanOutVersion) {
				this.lastFanOutVersion = now;
				return null;
			}
			// Read the version first: a change while this walks the members makes the
			// next fan-out walk them again.
			current = RoomShares.of(now, this.members);
			this.shares = current;
			return current;
		}

	}

}
