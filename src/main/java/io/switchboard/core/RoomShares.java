package io.switchboard.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A room's members grouped by the event loop their outboxes drain on, as they were at one
 * version of the room's membership; kept by the room until its membership changes. A
 * fan-out hands each loop its share as one inbox entry, without visiting a member on the
 * fan-out's thread: in a room of 19,000 the sender's loop used to spend milliseconds
 * walking the members (and growing a list of them per loop) before any other loop could
 * start writing, and a line waited for the whole room to be handed out. Now each loop
 * walks its own share, with the room's lock long released.
 */
final class RoomShares {

	private static final Log logger = LogFactory.getLog(RoomShares.class);

	/** The membership version these shares were built at. */
	final int version;

	private final LoopInbox[] inboxes;

	private final ClientSession[][] onLoops;

	/** Members whose outboxes drain elsewhere (a thread per drain): served at once. */
	private final ClientSession[] elsewhere;

	private RoomShares(int version, LoopInbox[] inboxes, ClientSession[][] onLoops, ClientSession[] elsewhere) {
		this.version = version;
		this.inboxes = inboxes;
		this.onLoops = onLoops;
		this.elsewhere = elsewhere;
	}

	/**
	 * Group members by loop.
	 */
	static RoomShares of(int version, Collection<ClientSession> members) {
		List<LoopInbox> inboxes = new ArrayList<>(4);
		List<List<ClientSession>> onLoops = new ArrayList<>(4);
		List<ClientSession> elsewhere = new ArrayList<>();
		for (ClientSession member : members) {
			LoopInbox inbox = member.outbox().loopInbox();
			if (inbox == null) {
				elsewhere.add(member);
				continue;
			}
			int at = inboxes.indexOf(inbox);
			if (at < 0) {
				at = inboxes.size();
				inboxes.add(inbox);
				onLoops.add(new ArrayList<>());
			}
			onLoops.get(at).add(member);
		}
		ClientSession[][] shares = new ClientSession[inboxes.size()][];
		for (int i = 0; i < shares.length; i++) {
			shares[i] = onLoops.get(i).toArray(ClientSession[]::new);
		}
		return new RoomShares(version, inboxes.toArray(LoopInbox[]::new), shares,
				elsewhere.toArray(ClientSession[]::new));
	}

	/**
	 * Deliver to every member: to each loop its share as one entry, in this thread's open
	 * {@link DeliveryBatch} (so it is handed over in the room's order), to members
	 * elsewhere at once.
	 * @param onLoop makes, per loop, what that loop does with each of its members (each
	 * loop's own: it runs there, beside the other loops')
	 * @param here what is done with each member that is on no loop, on this thread
	 */
	void deliver(Supplier<Consumer<ClientSession>> onLoop, Consumer<ClientSession> here) {
		for (int i = 0; i < this.inboxes.length; i++) {
			ClientSession[] share = this.onLoops[i];
			Consumer<ClientSession> delivery = onLoop.get();
			DeliveryBatch.addEntry(this.inboxes[i], () -> {
				for (ClientSession member : share) {
					try {
						delivery.accept(member);
					}
					catch (RuntimeException ex) {
						// A bug, but it must not cost the other receivers their lines.
						logger.error("Delivery to " + member + " failed", ex);
					}
				}
			});
		}
		for (ClientSession member : this.elsewhere) {
			here.accept(member);
		}
	}

	int size() {
		int size = this.elsewhere.length;
		for (ClientSession[] share : this.onLoops) {
			size += share.length;
		}
		return size;
	}

}
