package io.switchboard.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long the server itself stood still: a virtual thread, scheduled on the
 * same carriers as the chat's readers, ticks every {@value #TICK_MILLIS} ms and adds up
 * how late it woke (a GC pause, a starved carrier). Flood control credits a recent stall
 * to the clients whose backlog it caused, so lines that queued while the server stalled
 * are not judged as the client's burst.
 */
public final class ServerStalls implements AutoCloseable {

	/**
	 * Half the slack: a stall past the slack is still seen, with 40 wake-ups a second
	 * (each one a wake of the delay scheduler and of a carrier) rather than 100, which in
	 * a room of 19,000 took CPU from the event loops' fan-out.
	 */
	static final long TICK_MILLIS = 25;

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

	/** Lateness below this is scheduling noise, not a stall. */
	private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final AtomicLong stalledNanos = new AtomicLong();

	/** A stall is recent, and credited, this long after it ended. */
	static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);

	private volatile long lastTick = System.nanoTime();

	private volatile long lastStallNanos;

	private volatile long lastStallEndedAt = System.nanoTime() - 2 * RECENT_NANOS;

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
		this.lastStallNanos = nanos;
		this.lastStallEndedAt = System.nanoTime();
		this.stalledNanos.addAndGet(nanos);
	}

	/**
	 * Total stalled time so far, including a stall still going on now (the ticker may not
	 * have woken yet, while a reader that did wake is already handing the backlog over).
	 */
	public long stalledNanos(long now) {
		return this.stalledNanos.get() + ongoing(now);
	}

	/**
	 * The stall going on now, else the last one if it ended less than a second ago, else
	 * 0: a backlog a stall caused is read right after it, and older stalls are no excuse.
	 */
	public long recentStallNanos(long now) {
		long ongoing = ongoing(now);
		if (ongoing > 0) {
			return ongoing;
		}
		return (now - this.lastStallEndedAt < RECENT_NANOS) ? this.lastStallNanos : 0;
	}

	private long ongoing(long now) {
		long ongoing = this.running ? now - this.lastTick - TICK_NANOS : 0;
		return (ongoing > SLACK_NANOS) ? ongoing : 0;
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
				this.lastStallNanos = late;
				this.lastStallEndedAt = now;
			}
			// lastTick first: a reader in between may count this stall a moment late,
			// never
			// twice.
			this.lastTick = now;
			if (late > SLACK_NANOS) {
				this.stalledNanos.addAndGet(late);
			}
		}
	}

}
