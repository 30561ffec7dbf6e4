package io.switchboard.core;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * An outbox's limits: the bytes it holds against its soft and hard limits, and how soon
 * it may write again. Beyond the hard limit a line overflows at once; above the soft
 * limit only since when is recorded, so that a watchdog can cut a client that stays there
 * (a burst that drains is no fault). A base class rather than a field of the outbox: an
 * idle client's outbox stays one object (tens of thousands are held).
 * <p>
 * The write linger ({@code switchboard.client.write-linger}): on an event loop, after a
 * write that carried several lines (the client is sent a stream) the next waits until the
 * linger has passed since, with everything queued meanwhile in one write. After a write
 * of one line the next waits for nothing, so a quiet room, or a client in step with its
 * own replies, is never held back. At 500k deliveries/s: about half the system calls and
 * an eighth less CPU, for at most the linger's latency.
 */
abstract class OutboxLimits {

	private static final AtomicLongFieldUpdater<OutboxLimits> QUEUED_BYTES = AtomicLongFieldUpdater
		.newUpdater(OutboxLimits.class, "queuedBytes");

	private static final AtomicLongFieldUpdater<OutboxLimits> BORROWED = AtomicLongFieldUpdater
		.newUpdater(OutboxLimits.class, "borrowed");

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

	OutboxLimits(long softLimitBytes, long hardLimitBytes, long lingerNanos, OutboxBudget.Account account) {
		this.account = account;
		this.softLimitBytes = softLimitBytes;
		this.hardLimitBytes = hardLimitBytes;
		this.lingerNanos = lingerNanos;
		this.nextWriteNanos = System.nanoTime(); // the first write waits for nothing
	}

	/**
	 * Count a line in unless that would take the outbox past its hard limit, or its
	 * address or the server past the output budget while it holds more than a chunk.
	 * @return false if it would (nothing is counted)
	 */
	final boolean reserve(int bytes) {
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
	final void returnBudget() {
		long held = BORROWED.getAndSet(this, 0);
		if (held != 0) {
			this.account.give(held);
		}
	}

	/**
	 * Whether a line was refused because the output budget was spent (else only the hard
	 * limit refuses).
	 */
	final boolean refusedByBudget() {
		return this.refusedByBudget;
	}

	final OutboxBudget.Account account() {
		return this.account;
	}

	/**
	 * Count a line in past the limits (a last line, e.g. a goodbye).
	 */
	final void force(int bytes) {
		QUEUED_BYTES.addAndGet(this, bytes);
	}

	/**
	 * Count a write's bytes out, and set when the next may start: a linger after this one
	 * if it carried more than one line (the client is sent a stream), else at once (one
	 * line per write: a client in step with its own replies, which a linger would only
	 * slow down, or a quiet room).
	 * @param now when, as {@link System#nanoTime()} or a clock read shortly before
	 */
	final void written(int lines, long bytes, long now) {
		release(bytes);
		this.nextWriteNanos = (lines > 1) ? now + this.lingerNanos : now;
	}

	/**
	 * The earliest the next write should start, by the write linger.
	 */
	final long nextWriteNanos() {
		return this.nextWriteNanos;
	}

	/**
	 * Count bytes out (written or dropped).
	 */
	final void release(long bytes) {
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
	final void clearBytes() {
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
