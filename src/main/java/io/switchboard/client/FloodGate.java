package io.switchboard.client;

import java.util.concurrent.TimeUnit;

/**
 * IRC-style flood control for one client: a token bucket of {@code burst} messages
 * refilled at {@code rate} per second. A client refused 3x the burst within 10 seconds is
 * flooding for good and is disconnected.
 */
final class FloodGate {

	private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final boolean unlimited;

	private final TokenBucket bucket;

	private final long disconnectAfter;

	private long windowStart;

	private long refusedInWindow;

	private long lastWarningAt = Long.MIN_VALUE / 2;

	FloodGate(int rate, int burst) {
		this.unlimited = rate == 0;
		this.bucket = new TokenBucket(rate, burst, System.nanoTime());
		this.disconnectAfter = 3L * burst;
	}

	static FloodGate unlimited() {
		return new FloodGate(0, 0);
	}

	/**
	 * Take a token for one message.
	 */
	synchronized FloodVerdict admit(long now) {
		if (this.unlimited || this.bucket.tryTake(now)) {
			return FloodVerdict.PASS;
		}
		if (now - this.windowStart > WINDOW_NANOS) {
			this.windowStart = now;
			this.refusedInWindow = 0;
		}
		if (++this.refusedInWindow >= this.disconnectAfter) {
			return FloodVerdict.DISCONNECT;
		}
		// Warn at most once a second: the warnings must not become a flood of their own.
		if (now - this.lastWarningAt >= TimeUnit.SECONDS.toNanos(1)) {
			this.lastWarningAt = now;
			return FloodVerdict.REFUSE_AND_WARN;
		}
		return FloodVerdict.REFUSE;
	}

}
