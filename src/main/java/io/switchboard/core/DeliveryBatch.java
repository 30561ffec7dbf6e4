package io.switchboard.core;

import java.util.ArrayList;
import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What a fan-out queues for clients on event loops, handed to each loop's inbox as one
 * entry when the batch closes, instead of one entry per receiver: a room of a hundred
 * members on two loops costs two hand-overs per line, not a hundred (a hand-over is a
 * contended queue offer, and a wake-up if the loop sleeps). Close it before the room's
 * lock is released, so that the room's order is the loops' order. Batches nest; each
 * close hands over everything pending (an inner fan-out's room is unlocked at its close
 * too).
 * <p>
 * Usage: {@code try (DeliveryBatch batch = DeliveryBatch.open()) { ...offers... }}.
 */
public final class DeliveryBatch implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DeliveryBatch.class);

	// Kept per thread for reuse: a fan-out allocates only the entries it hands over.
	private static final ThreadLocal<DeliveryBatch> CURRENT = new ThreadLocal<>();

	/** The inboxes with something pending, in first-seen order, and what is pending. */
	private final ArrayList<LoopInbox> inboxes = new ArrayList<>(4);

	private final ArrayList<Pending> pending = new ArrayList<>(4);

	private int depth;

	/** How many items the largest share of the last close had: the next shares' size. */
	private int sizeHint = 16;

	private DeliveryBatch() {
	}

	/**
	 * Start batching this thread's deliveries to event loops until {@link #close}.
	 */
	public static DeliveryBatch open() {
		DeliveryBatch batch = CURRENT.get();
		if (batch == null) {
			batch = new DeliveryBatch();
			CURRENT.set(batch);
		}
		batch.depth++;
		return batch;
	}

	/**
	 * Queue an item for an outbox in this thread's open batch.
	 * @return false if no batch is open (the caller hands it to the inbox itself)
	 */
	static boolean add(LoopInbox inbox, ClientOutbox target, Object item) {
		DeliveryBatch batch = CURRENT.get();
		if (batch == null || batch.depth == 0) {
			return false;
		}
		batch.pendingFor(inbox).add(target, item);
		return true;
	}

	/**
	 * Queue an entry of its own for a loop (a room's share, see {@link RoomShares}) in
	 * this thread's open batch, in order with the items queued for that loop before and
	 * after it; with no batch open, straight into the loop's inbox.
	 */
	static void addEntry(LoopInbox inbox, Runnable entry) {
		DeliveryBatch batch = CURRENT.get();
		if (batch == null || batch.depth == 0) {
			inbox.add(entry);
			return;
		}
		batch.pendingFor(inbox).add(null, entry);
	}

	private Pending pendingFor(LoopInbox inbox) {
		for (int i = 0; i < this.inboxes.size(); i++) {
			if (this.inboxes.get(i) == inbox) {
				return this.pending.get(i);
			}
		}
		this.inboxes.add(inbox);
		Pending created = new Pending(this.sizeHint);
		this.pending.add(created);
		return created;
	}

	/**
	 * Hand each inbox what is pending for it as one entry.
	 */
	@Override
	public void close() {
		this.depth--;
		int largest = 0;
		for (int i = 0; i < this.inboxes.size(); i++) {
			Pending share = this.pending.get(i);
			largest = Math.max(largest, share.size);
			this.inboxes.get(i).add(share);
		}
		if (largest > 0) {
			this.sizeHint = largest;
		}
		this.inboxes.clear();
		this.pending.clear();
	}

	/**
	 * One loop's share of a batch: outboxes and what each is given, in order, and entries
	 * of their own (no outbox) among them.
	 */
	private static final class Pending implements Runnable {

		// Arrays sized for the room, not lists grown from empty: a fan-out allocates
		// these
		// once per loop.
		private @Nullable ClientOutbox[] targets;

		private Object[] items;

		private int size;

		Pending(int capacity) {
			this.targets = new ClientOutbox[capacity];
			this.items = new Object[capacity];
		}

		void add(@Nullable ClientOutbox target, Object item) {
			if (this.size == this.targets.length) {
				this.targets = Arrays.copyOf(this.targets, this.size * 2);
				this.items = Arrays.copyOf(this.items, this.size * 2);
			}
			this.targets[this.size] = target;
			this.items[this.size++] = item;
		}

		@Override
		public void run() {
			for (int i = 0; i < this.size; i++) {
				try {
					ClientOutbox target = this.targets[i];
					if (target != null) {
						target.apply(this.items[i]);
					}
					else {
						((Runnable) this.items[i]).run();
					}
				}
				catch (RuntimeException ex) {
					// A bug, but it must not cost the other receivers their lines.
					logger.error("Delivery to one client failed", ex);
				}
			}
		}

	}

}
