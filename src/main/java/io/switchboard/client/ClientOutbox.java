package io.switchboard.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A client's bounded queue of outgoing lines, drained by at most one task at a time.
 * Offering never blocks: a broadcast never waits on anybody's socket. Queued lines are
 * coalesced into one write of up to {@value #MAX_BATCH_BYTES} bytes.
 */
final class ClientOutbox {

	static final int MAX_BATCH_BYTES = 64 * 1024;

	private final ConcurrentLinkedQueue<OutboundLine> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final long limitBytes;

	private final Executor executor;

	private final ClientTransport transport;

	private final Listener listener;

	private volatile long writeStartedNanos;

	private final AtomicReference<@Nullable Runnable> whenEmpty = new AtomicReference<>();

	ClientOutbox(long limitBytes, Executor executor, ClientTransport transport, Listener listener) {
		this.limitBytes = limitBytes;
		this.executor = executor;
		this.transport = transport;
		this.listener = listener;
	}

	/**
	 * Queue a line unless the outbox is closed or would exceed its limit.
	 * @return false if the line was not queued; on overflow the listener is told
	 */
	boolean offer(OutboundLine line) {
		if (this.closed.get()) {
			return false;
		}
		if (this.queuedBytes.addAndGet(line.length()) > this.limitBytes) {
			this.queuedBytes.addAndGet(-line.length());
			this.listener.overflowed(line);
			return false;
		}
		this.queue.add(line);
		scheduleDrain();
		return true;
	}

	/**
	 * Accept no more lines; after what is queued has been written, run the action once.
	 * @param discardQueued drop what is queued first (e.g. a slow consumer's backlog)
	 * @param lastLine a line to send last, past the limit (e.g. a goodbye), or null
	 */
	void closeThen(boolean discardQueued, @Nullable OutboundLine lastLine, Runnable action) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		if (discardQueued) {
			OutboundLine dropped;
			while ((dropped = this.queue.poll()) != null) {
				this.queuedBytes.addAndGet(-dropped.length());
			}
		}
		if (lastLine != null) {
			this.queuedBytes.addAndGet(lastLine.length());
			this.queue.add(lastLine);
		}
		this.whenEmpty.set(action);
		scheduleDrain();
	}

	long queuedBytes() {
		return this.queuedBytes.get();
	}

	boolean isIdle() {
		return this.queuedBytes.get() == 0 && !this.draining.get();
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
		if (this.draining.compareAndSet(false, true)) {
			this.executor.execute(this::drain);
		}
	}

	private void drain() {
		List<OutboundLine> batch = new ArrayList<>();
		try {
			while (true) {
				int bytes = 0;
				OutboundLine line;
				while (bytes < MAX_BATCH_BYTES && (line = this.queue.poll()) != null) {
					batch.add(line);
					bytes += line.length();
				}
				if (batch.isEmpty()) {
					this.draining.set(false);
					// An offer may have slipped in after the last poll; take it over if
					// so.
					if (!this.queue.isEmpty() && this.draining.compareAndSet(false, true)) {
						continue;
					}
					runWhenEmpty();
					return;
				}
				this.writeStartedNanos = System.nanoTime();
				this.transport.write(batch);
				this.writeStartedNanos = 0;
				this.queuedBytes.addAndGet(-bytes);
				this.listener.written(batch, bytes);
				batch.clear();
			}
		}
		catch (IOException | RuntimeException ex) {
			this.writeStartedNanos = 0;
			this.closed.set(true);
			this.queue.clear();
			this.queuedBytes.set(0);
			this.draining.set(false);
			this.listener.writeFailed(ex);
		}
	}

	private void runWhenEmpty() {
		if (this.queue.isEmpty()) {
			Runnable action = this.whenEmpty.getAndSet(null);
			if (action != null) {
				action.run();
			}
		}
	}

	/**
	 * What the outbox tells its owner.
	 */
	interface Listener {

		void written(List<OutboundLine> lines, int bytes);

		void overflowed(OutboundLine rejected);

		void writeFailed(Exception ex);

	}

}
