package io.switchboard.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long the server itself stood still: a virtual thread, scheduled on the
 * same carriers as the chat's readers, ticks every {@value #TICK_MILLIS} ms and adds up
 * how late it woke (a GC pause, a starved carrier). Flood control credits this time to
 * every client, so a backlog that queued while the server stalled is not judged as the
 * client's burst.
 */
public final class ServerStalls implements AutoCloseable {

	static final long TICK_MILLIS = 10;

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

	/** Lateness below this is scheduling noise, not a stall. */
	private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final AtomicLong stalledNanos = new AtomicLong();

	private volatile long lastTick = System.nanoTime();

	private volatile boolean running = true;

	private ServerStalls() {
	}

	/**
	 * Start measuring.
	 */
	public static ServerStalls start() {
		ServerStalls stalls = new ServerStalls();
		Thread.ofVirtual().name("switchboard-stall-meter").start(stalls::tick);
		return stalls;
	}

	/**
	 * A meter that never sees a stall.
	 */
	public static ServerStalls none() {
		ServerStalls stalls = new ServerStalls();
		stalls.running = false;
		return stalls;
	}

	/**
	 * Record a stall by hand (tests).
	 */
	void stalled(long nanos) {
		this.stalledNanos.addAndGet(nanos);
	}

	/**
	 * Total stalled time so far, including a stall still going on now (the ticker may not
	 * have woken yet, while a reader that did wake is already handing the backlog over).
	 */
	public long stalledNanos(long now) {
		long ongoing = this.running ? now - this.lastTick - TICK_NANOS : 0;
		return this.stalledNanos.get() + ((ongoing > SLACK_NANOS) ? ongoing : 0);
	}

	@Override
	public void close() {
		this.running = false;
	}

	private void tick() {
		while (this.running) {
			LockSupport.parkNanos(TICK_NANOS);
			long now = System.nanoTime();
			long late = now - this.lastTick - TICK_NANOS;
			if (late > SLACK_NANOS) {
				this.stalledNanos.addAndGet(late);
			}
			this.lastTick = now;
		}
	}

}
