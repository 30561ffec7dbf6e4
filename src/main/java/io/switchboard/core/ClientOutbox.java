package io.switchboard.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * A client's bounded queue of outgoing lines, drained by at most one task at a time.
 * Offering never blocks: a broadcast never waits on anybody's socket. Queued lines are
 * coalesced into one write of up to {@value #MAX_BATCH_BYTES} bytes. On an event loop
 * everything for it goes through the loop's {@link LoopInbox}, so the loop's thread is
 * the only one that touches it.
 * <p>
 * The queue is a list behind a lock that the drainer swaps for an empty one, taking
 * everything queued at once: cheaper per line than a lock-free queue polled line by line
 * (no node per line, one lock per batch on the drain side).
 * <p>
 * Its limits: the bytes it holds against its soft and hard limits, and how soon it may
 * write again. Beyond the hard limit a line overflows at once; above the soft limit only
 * since when is recorded, so that a watchdog can cut a client that stays there (a burst
 * that drains is no fault).
 * <p>
 * The write linger ({@code switchboard.client.write-linger}): on an event loop, after a
 * write that carried several lines (the client is sent a stream) the next waits until the
 * linger has passed since, with everything queued meanwhile in one write. After a write
 * of one line the next waits for nothing, so a quiet room, or a client in step with its
 * own replies, is never held back. At 500k deliveries/s: about half the system calls and
 * an eighth less CPU, for at most the linger's latency.
 */
final class ClientOutbox implements Runnable {

	static final int MAX_BATCH_BYTES = 64 * 1024;

	/** A larger list than this is dropped after a drain rather than kept for reuse. */
	private static final int KEPT_CAPACITY = 1024;

	// Field updaters, not atomic objects, and its own monitor, not a lock object: an idle
	// client's outbox is one object (tens of thousands are held).

	private static final AtomicIntegerFieldUpdater<ClientOutbox> DRAINING = AtomicIntegerFieldUpdater
		.newUpdater(ClientOutbox.class, "draining");

	private static final AtomicIntegerFieldUpdater<ClientOutbox> CLOSED = AtomicIntegerFieldUpdater
		.newUpdater(ClientOutbox.class, "closed");

	private static final AtomicReferenceFieldUpdater<ClientOutbox, Runnable> WHEN_EMPTY = AtomicReferenceFieldUpdater
		.newUpdater(ClientOutbox.class, Runnable.class, "whenEmpty");

	private static final AtomicLongFieldUpdater<ClientOutbox> QUEUED_BYTES = AtomicLongFieldUpdater
		.newUpdater(ClientOutbox.class, "queuedBytes");

	private static final AtomicLongFieldUpdater<ClientOutbox> BORROWED = AtomicLongFieldUpdater
		.newUpdater(ClientOutbox.class, "borrowed");

	/** Guarded by this outbox's monitor. */
	private ArrayList<OutboundLine> queue = new ArrayList<>();

	/** The empty list the drainer swaps in next (null: a new one). Guarded likewise. */
	private @Nullable ArrayList<OutboundLine> spare;

	private volatile int draining;

	private volatile int closed;

	/** Where drains run when not on an event loop (no inbox): a thread per drain. */
	private final Executor executor;

	/** The event loop's inbox, if it drains on one: then only that loop touches it. */
	private final @Nullable LoopInbox inbox;

	/** Applied its close, or a write failed: takes no more lines (on the loop). */
	private boolean sealed;

	private final ClientTransport transport;

	private final OutboxListener listener;

	private volatile long writeStartedNanos;

	private volatile @Nullable Runnable whenEmpty;

	private volatile long queuedBytes;

	/** What this outbox has taken of the output budget: chunks covering what it holds. */
	private volatile long borrowed;

	private final OutboxBudget.Account account;

	/**
	 * Whether the last line refused was refused by the output budget (for the cut's
	 * reason).
	 */
	private volatile boolean refusedByBudget;

	private final long softLimitBytes;

	private final long hardLimitBytes;

	/** When the outbox last went above the soft limit; 0 while it is below. */
	private volatile long overSoftSince;

	private final long lingerNanos;

	/**
	 * The earliest the next write should start, on the loop's clock (only touched by the
	 * drainer); 0 (or any time past): at once.
	 */
	private long nextWriteNanos;

	/**
	 * @param executor where drains run unless the transport names its event loop's inbox
	 */
	ClientOutbox(long softLimitBytes, long hardLimitBytes, long lingerNanos, OutboxBudget.Account budget,
			Executor executor, ClientTransport transport, OutboxListener listener) {
		this.account = budget;
		this.softLimitBytes = softLimitBytes;
		this.hardLimitBytes = hardLimitBytes;
		this.lingerNanos = lingerNanos;
		this.nextWriteNanos = System.nanoTime(); // the first write waits for nothing
		this.inbox = transport.drainLoop();
		this.executor = executor;
		this.transport = transport;
		this.listener = listener;
	}

	/**
	 * Queue a line unless the outbox is closed or would exceed its limit. On an event
	 * loop it is handed to the loop, which judges the limit (so an overflow is not known
	 * yet).
	 * @return false if the line was not queued; on overflow the listener is told
	 */
	boolean offer(OutboundLine line) {
		if (this.closed != 0) {
			return false;
		}
		if (this.inbox != null) {
			this.inbox.hand(this, line);
			return true;
		}
		return admit(line);
	}

	/**
	 * Queue a line from this outbox's own event loop, in the middle of applying an entry
	 * of its inbox (a room's share): straight in, as an item handed over is applied. The
	 * share was handed over when the room sent it, so what decides is the inbox's order:
	 * a close handed over after it (already marked, not yet applied) still comes after
	 * the line.
	 * @return false if the outbox was sealed by a close applied before, or the line
	 * overflowed it
	 */
	boolean offerOnLoop(OutboundLine line) {
		if (writesAtOnce()) {
			return writeAtOnce(line);
		}
		return admit(line);
	}

	/**
	 * Whether a room's line can go to the socket as the loop reaches this member, as the
	 * Netty yardstick writes a broadcast: nothing of this outbox is queued or draining,
	 * it is not lingering, and no other entry waits in the loop's inbox (lines behind
	 * this one would otherwise cost a write each; queued, they go out in one). In a room
	 * of 19,000 the loop's first write used to wait until its whole share had been
	 * queued, and every member's line went through its queue and a drain of its own.
	 */
	private boolean writesAtOnce() {
		LoopInbox loop = this.inbox;
		return loop != null && !this.sealed && this.draining == 0 && this.queuedBytes == 0
				&& this.nextWriteNanos - loop.clock() <= 0 && !loop.hasWaiting();
	}

	/**
	 * Write one line now (on the loop), as a drain of it alone would; if the socket's
	 * pending output is above its high-water mark, queue it instead.
	 */
	private boolean writeAtOnce(OutboundLine line) {
		if (!this.transport.writable(this::scheduleDrain)) {
			return admit(line);
		}
		try {
			this.transport.write(line);
		}
		catch (IOException | RuntimeException ex) {
			writeFailed(ex);
			return false;
		}
		this.listener.written(line);
		return true;
	}

	/**
	 * The inbox of the event loop it drains on; null if it drains elsewhere.
	 */
	@Nullable LoopInbox loopInbox() {
		return this.inbox;
	}

	/**
	 * An item handed to the loop, applied there: a line or a close.
	 */
	void apply(Object item) {
		if (item instanceof OutboundLine line) {
			admit(line);
		}
		else {
			close((OutboxClosing) item);
		}
	}

	private boolean admit(OutboundLine line) {
		if (this.sealed) {
			return false;
		}
		if (!reserve(line.length())) {
			this.listener.overflowed(line);
			return false;
		}
		enqueue(line);
		scheduleDrain();
		return true;
	}

	private synchronized void enqueue(OutboundLine line) {
		this.queue.add(line);
	}

	/**
	 * The queued lines, a fresh list left in their place; if none are queued, the drain
	 * stops (under the lock an offer queues under, so a line queued after this finds the
	 * outbox not draining and starts a drain of its own).
	 * @param emptied the list the drain took last time, kept for reuse (null: none)
	 * @return null if none are queued
	 */
	private synchronized @Nullable ArrayList<OutboundLine> takeAllOrStop(@Nullable ArrayList<OutboundLine> emptied) {
		ArrayList<OutboundLine> taken = this.queue;
		if (taken.isEmpty()) {
			this.spare = emptied;
			this.draining = 0;
			return null;
		}
		this.queue = (emptied != null) ? emptied : (this.spare != null) ? this.spare : new ArrayList<>();
		this.spare = null; // the queue now: never both (a paused drain keeps no spare)
		return taken;
	}

	/**
	 * Let go of the lists' arrays if idle (the watchdog's sweep, once a second): idle
	 * clients hold none, a busy outbox reuses its two lists without allocating.
	 */
	synchronized void releaseIfIdle() {
		if (this.draining == 0 && this.queue.isEmpty()) {
			this.queue.trimToSize();
			this.spare = null;
			if (queuedBytes() == 0) {
				returnBudget();
			}
		}
	}

	private synchronized boolean queueIsEmpty() {
		return this.queue.isEmpty();
	}

	private synchronized void discardQueued() {
		for (OutboundLine dropped : this.queue) {
			release(dropped.length());
		}
		this.queue.clear();
	}

	/**
	 * Accept no more lines; after what is queued has been written, run the action once.
	 * @param discardQueued drop what is queued first (e.g. a slow consumer's backlog)
	 * @param lastLine a line to send last, past the limit (e.g. a goodbye), or null
	 */
	void closeThen(boolean discardQueued, @Nullable OutboundLine lastLine, Runnable action) {
		if (!CLOSED.compareAndSet(this, 0, 1)) {
			return;
		}
		OutboxClosing closing = new OutboxClosing(discardQueued, lastLine, action);
		if (this.inbox == null) {
			close(closing);
			return;
		}
		this.inbox.hand(this, closing); // behind what was handed to the loop before
	}

	private void close(OutboxClosing closing) {
		this.sealed = true;
		if (closing.discardQueued()) {
			discardQueued();
		}
		if (closing.lastLine() != null) {
			force(closing.lastLine().length());
			enqueue(closing.lastLine());
		}
		this.whenEmpty = closing.action();
		scheduleDrain();
	}

	boolean isIdle() {
		return queuedBytes() == 0 && this.draining == 0 && (this.inbox == null || this.inbox.isEmpty());
	}

	/**
	 * How long the current socket write has been blocked.
	 * @return nanoseconds, 0 if no write is in progress
	 */
	long writeBlockedNanos(long now) {
		long started = this.writeStartedNanos;
		return (started != 0) ? now - started : 0;
	}

	private void scheduleDrain() {
		if (DRAINING.compareAndSet(this, 0, 1)) {
			if (this.inbox != null) {
				this.inbox.drainSoon(this, nextWriteNanos());
			}
			else {
				this.executor.execute(this);
			}
		}
	}

	/**
	 * The drain (the outbox is its own task: no object per scheduling).
	 */
	@Override
	public void run() {
		ArrayList<OutboundLine> emptied = null;
		try {
			while (true) {
				ArrayList<OutboundLine> taken = takeAllOrStop(emptied);
				if (taken == null) {
					runWhenEmpty();
					return;
				}
				int from = 0;
				while (from < taken.size()) {
					if (!this.transport.writable(this::scheduleDrain)) {
						pause(taken.subList(from, taken.size()));
						return;
					}
					int to = from;
					int bytes = 0;
					while (to < taken.size() && (to == from || bytes + taken.get(to).length() <= MAX_BATCH_BYTES)) {
						bytes += taken.get(to++).length();
					}
					List<OutboundLine> batch = taken.subList(from, to);
					if (this.inbox == null && this.writeStartedNanos == 0) {
						// The watchdog times a blocking write (a loop's pauses instead).
						this.writeStartedNanos = System.nanoTime();
					}
					this.transport.write(batch);
					if (this.writeStartedNanos != 0) {
						this.writeStartedNanos = 0;
					}
					written(batch.size(), bytes, (this.inbox != null) ? this.inbox.clock() : 0);
					this.listener.written(batch, bytes);
					from = to;
				}
				boolean large = taken.size() > KEPT_CAPACITY;
				taken.clear();
				emptied = large ? null : taken;
			}
		}
		catch (IOException | RuntimeException ex) {
			writeFailed(ex);
		}
	}

	private void writeFailed(Exception ex) {
		this.writeStartedNanos = 0;
		this.closed = 1;
		this.sealed = true;
		discardQueued();
		clearBytes();
		this.draining = 0;
		this.listener.writeFailed(ex);
	}

	/**
	 * The transport cannot take more now: keep the rest, in order, count as blocked (the
	 * write timeout applies) and let the transport resume the drain.
	 */
	private void pause(List<OutboundLine> rest) {
		synchronized (this) {
			this.queue.addAll(0, rest);
		}
		rest.clear();
		if (this.writeStartedNanos == 0) {
			this.writeStartedNanos = System.nanoTime();
		}
		this.draining = 0;
	}

	private void runWhenEmpty() {
		// Nearly every drain ends with no action waiting: no lock for that.
		if (this.whenEmpty != null && queueIsEmpty()) {
			Runnable action = WHEN_EMPTY.getAndSet(this, null);
			if (action != null) {
				action.run();
			}
		}
	}

	// Its limits: the bytes it holds, the output budget it has taken, the write linger.

	/**
	 * Count a line in unless that would take the outbox past its hard limit, or its
	 * address or the server past the output budget while it holds more than a chunk.
	 * @return false if it would (nothing is counted)
	 */
	boolean reserve(int bytes) {
		long queued = QUEUED_BYTES.addAndGet(this, bytes);
		if (queued > this.hardLimitBytes) {
			QUEUED_BYTES.addAndGet(this, -bytes);
			return false;
		}
		if (queued > this.borrowed && !borrowFor(queued)) {
			QUEUED_BYTES.addAndGet(this, -bytes);
			this.refusedByBudget = true;
			return false;
		}
		if (queued > this.softLimitBytes && this.overSoftSince == 0) {
			this.overSoftSince = System.nanoTime() | 1;
		}
		return true;
	}

	/**
	 * Take chunks of the budget until they cover {@code queued} bytes.
	 * @return false if the budget refused them
	 */
	private boolean borrowFor(long queued) {
		while (true) {
			long before = this.borrowed;
			if (queued <= before) {
				return true;
			}
			long after = (queued + OutboxBudget.CHUNK - 1) / OutboxBudget.CHUNK * OutboxBudget.CHUNK;
			if (this.account.take(after - before, queued) == OutboxBudget.Verdict.REFUSED) {
				return false;
			}
			if (BORROWED.compareAndSet(this, before, after)) {
				return true;
			}
			this.account.give(after - before); // another thread moved it: again
		}
	}

	/**
	 * Give back chunks beyond one spare above what is queued.
	 */
	private void giveBackFor(long queued) {
		while (true) {
			long before = this.borrowed;
			long after = (queued + 2 * OutboxBudget.CHUNK - 1) / OutboxBudget.CHUNK * OutboxBudget.CHUNK;
			if (after >= before) {
				return;
			}
			if (BORROWED.compareAndSet(this, before, after)) {
				this.account.give(before - after);
				return;
			}
		}
	}

	/**
	 * Give back all of the budget (the outbox is gone); idempotent.
	 */
	void returnBudget() {
		long held = BORROWED.getAndSet(this, 0);
		if (held != 0) {
			this.account.give(held);
		}
	}

	/**
	 * Whether a line was refused because the output budget was spent (else only the hard
	 * limit refuses).
	 */
	boolean refusedByBudget() {
		return this.refusedByBudget;
	}

	OutboxBudget.Account account() {
		return this.account;
	}

	/**
	 * Count a line in past the limits (a last line, e.g. a goodbye).
	 */
	void force(int bytes) {
		QUEUED_BYTES.addAndGet(this, bytes);
	}

	/**
	 * Count a write's bytes out, and set when the next may start: a linger after this one
	 * if it carried more than one line (the client is sent a stream), else at once (one
	 * line per write: a client in step with its own replies, which a linger would only
	 * slow down, or a quiet room).
	 * @param now when, as {@link System#nanoTime()} or a clock read shortly before
	 */
	void written(int lines, long bytes, long now) {
		release(bytes);
		this.nextWriteNanos = (lines > 1) ? now + this.lingerNanos : now;
	}

	/**
	 * The earliest the next write should start, by the write linger.
	 */
	long nextWriteNanos() {
		return this.nextWriteNanos;
	}

	/**
	 * Count bytes out (written or dropped).
	 */
	void release(long bytes) {
		long queued = QUEUED_BYTES.addAndGet(this, -bytes);
		if (queued <= this.softLimitBytes) {
			this.overSoftSince = 0;
		}
		if (this.borrowed - queued > 2 * OutboxBudget.CHUNK) {
			giveBackFor(queued);
		}
	}

	/**
	 * Forget every count (the outbox is gone).
	 */
	void clearBytes() {
		this.queuedBytes = 0;
		returnBudget();
	}

	long queuedBytes() {
		return this.queuedBytes;
	}

	/**
	 * How long the outbox has been above its soft limit.
	 * @return nanoseconds, 0 if it is not above it now
	 */
	long overSoftLimitNanos(long now) {
		long since = this.overSoftSince;
		if (since == 0) {
			return 0;
		}
		if (this.queuedBytes <= this.softLimitBytes) {
			// An offer raced with the drain that took it below: it is below now.
			this.overSoftSince = 0;
			return 0;
		}
		return now - since;
	}

}
