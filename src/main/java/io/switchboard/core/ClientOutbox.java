package io.switchboard.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * A client's bounded queue of outgoing lines, drained by at most one task at a time.
 * Offering never blocks: a broadcast never waits on anybody's socket. Queued lines are
 * coalesced into one write of up to {@value #MAX_BATCH_BYTES} bytes. Its limits are
 * {@link OutboxLimits}'. On an event loop everything for it goes through the loop's
 * {@link LoopInbox}, so the loop's thread is the only one that touches it.
 * <p>
 * The queue is a list behind a lock that the drainer swaps for an empty one, taking
 * everything queued at once: cheaper per line than a lock-free queue polled line by line
 * (no node per line, one lock per batch on the drain side).
 */
final class ClientOutbox extends OutboxLimits implements Runnable {

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

	/**
	 * @param executor where drains run unless the transport names its event loop's inbox
	 */
	ClientOutbox(long softLimitBytes, long hardLimitBytes, long lingerNanos, OutboxBudget.Account budget,
			Executor executor, ClientTransport transport, OutboxListener listener) {
		super(softLimitBytes, hardLimitBytes, lingerNanos, budget);
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
			this.writeStartedNanos = 0;
			this.closed = 1;
			this.sealed = true;
			discardQueued();
			clearBytes();
			this.draining = 0;
			this.listener.writeFailed(ex);
		}
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

}
