package io.switchboard.core;

import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What is queued for the clients of one event loop, applied on that loop in the order it
 * came. Every line and every close for an outbox that drains on an event loop goes
 * through its loop's inbox (a fan-out's lines as one entry per loop, see
 * {@link DeliveryBatch}), so only that loop's thread touches the outbox: no other core
 * writes its counters, lock or queue (before, each receiver's outbox was written by the
 * sender's core and drained by its own, a cache line moving between cores per delivery).
 * The drains the entries start run after all of them, so one run writes each client once
 * with everything it was sent since the last.
 * <p>
 * Order: entries are applied in the order they were added, and a producer adds its own in
 * the order it made them; a room's fan-out adds its entries under the room's lock. So
 * what one thread sends a client, and what a room sends its members, arrives in order, as
 * with a direct offer.
 */
public final class LoopInbox implements Runnable {

	private static final Log logger = LogFactory.getLog(LoopInbox.class);

	private static final AtomicIntegerFieldUpdater<LoopInbox> SCHEDULED = AtomicIntegerFieldUpdater
		.newUpdater(LoopInbox.class, "scheduled");

	private final ScheduledExecutorService loop;

	private final Queue<Runnable> entries = new ConcurrentLinkedQueue<>();

	/** At most this many entries per run; the rest in the next. */
	static final int ENTRIES_PER_RUN = 256;

	private volatile int scheduled;

	/**
	 * Whether the loop is applying entries (written on the loop only; read by
	 * {@link #isEmpty} from any thread: an entry taken but not yet applied still counts).
	 */
	private volatile boolean applying;

	// Only touched on the loop.

	private final ArrayList<Runnable> drains = new ArrayList<>();

	/** The clock read when the current run or lingering drain began. */
	private long now;

	/** Drains waiting out their write linger, for the loop's one timer. */
	private ArrayList<Runnable> lingering = new ArrayList<>();

	private ArrayList<Runnable> lingeringSpare = new ArrayList<>();

	private boolean timerSet;

	/** Whether entries waited behind the one being applied when it was taken. */
	private boolean waiting;

	private final Runnable lingerTimer = this::drainLingering;

	public LoopInbox(ScheduledExecutorService loop) {
		this.loop = loop;
		this.now = System.nanoTime();
	}

	/**
	 * Hand a line or a close to an outbox of this loop: into this thread's open
	 * {@link DeliveryBatch}, else as an entry of its own.
	 */
	void hand(ClientOutbox target, Object item) {
		if (!DeliveryBatch.add(this, target, item)) {
			add(() -> target.apply(item));
		}
	}

	/**
	 * Queue an entry; the loop applies it with the others in order.
	 */
	void add(Runnable entry) {
		this.entries.add(entry);
		if (this.scheduled == 0 && SCHEDULED.compareAndSet(this, 0, 1)) {
			try {
				this.loop.execute(this);
			}
			catch (RejectedExecutionException ex) {
				// The loop has shut down with its connections: their outboxes have nobody
				// left to write to.
				logger.debug("Event loop gone, deliveries dropped: " + ex);
			}
		}
	}

	/**
	 * Whether nothing is waiting to be applied, nor being applied.
	 */
	boolean isEmpty() {
		// In this order: an entry is taken only after applying is set.
		return this.entries.isEmpty() && !this.applying;
	}

	/**
	 * Whether entries wait behind the one being applied (so a write now would be followed
	 * by another for the same client soon).
	 */
	boolean hasWaiting() {
		return this.waiting;
	}

	/**
	 * The loop's clock, read when its current run (or lingering drains) began: close
	 * enough to time writes by, without a clock read per write.
	 */
	long clock() {
		return this.now;
	}

	/**
	 * Start an outbox's drain (on the loop): while entries are being applied, after them
	 * all, or, if the outbox wrote less than its linger ago, when the loop's linger timer
	 * fires; else as a task of its own.
	 * @param notBefore when the drain should start at the earliest (the write linger)
	 */
	void drainSoon(Runnable drain, long notBefore) {
		if (!this.applying) {
			this.loop.execute(drain);
		}
		else if (notBefore - this.now > 0) {
			this.lingering.add(drain);
			if (!this.timerSet) {
				// One timer for all of the loop's lingering drains: a broadcast's
				// receivers wrote together and are due together.
				this.timerSet = true;
				try {
					this.loop.schedule(this.lingerTimer, notBefore - this.now, TimeUnit.NANOSECONDS);
				}
				catch (RejectedExecutionException ex) {
					logger.debug("Event loop gone, lingering drains dropped: " + ex);
				}
			}
		}
		else {
			this.drains.add(drain);
		}
	}

	private void drainLingering() {
		this.timerSet = false;
		this.now = System.nanoTime();
		ArrayList<Runnable> due = this.lingering;
		this.lingering = this.lingeringSpare;
		for (int i = 0; i < due.size(); i++) {
			runSafely(due.get(i));
		}
		due.clear();
		this.lingeringSpare = due;
	}

	@Override
	public void run() {
		// Cleared before taking: an entry added from here on schedules another run.
		this.scheduled = 0;
		this.applying = true;
		this.now = System.nanoTime();
		try {
			Runnable entry;
			for (int taken = 0; taken < ENTRIES_PER_RUN && (entry = this.entries.poll()) != null; taken++) {
				this.waiting = !this.entries.isEmpty();
				runSafely(entry);
			}
		}
		finally {
			this.applying = false;
		}
		for (int i = 0; i < this.drains.size(); i++) {
			runSafely(this.drains.get(i));
		}
		this.drains.clear();
		if (!this.entries.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
			// The rest in a run of its own, behind the loop's reading and other tasks
			// (say, a connection's close): another loop that keeps adding as fast as this
			// one applies must not hold it in one run, with no drain and no read.
			this.loop.execute(this);
		}
	}

	private static void runSafely(Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			// Outboxes handle their own write failures; this is a bug, but it must not
			// cost the loop's other clients their lines.
			logger.error("Delivery failed", ex);
		}
	}

}
