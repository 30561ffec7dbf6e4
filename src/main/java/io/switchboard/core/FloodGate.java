package io.switchboard.core;

import java.util.concurrent.TimeUnit;

/**
 * IRC-style flood control for one client, in messages and in bytes: a token bucket of
 * {@code burst} messages refilled at {@code rate} per second, and one of
 * {@code byteBurst} bytes refilled at {@code byteRate}. A message needs room in both. A
 * client refused 3x the burst within 10 seconds is flooding for good and is disconnected.
 * A recent stall of the server itself ({@link ServerStalls}) is credited to both buckets:
 * what the client sent meanwhile arrives at once, and that is the server's doing. The
 * credit is at most the stall since this client's last message, and lapses a second after
 * it was given, so it cannot be banked.
 */
final class FloodGate {

	private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final TokenBucket messages;

	private final TokenBucket bytes;

	private final double ratePerNano;

	private final double byteRatePerNano;

	private final long disconnectAfter;

	private final ServerStalls stalls;

	private long stallsSeen;

	private long creditLapsesAt;

	private long windowStart;

	private long refusedInWindow;

	private long lastWarningAt = Long.MIN_VALUE / 2;

	/**
	 * @param rate messages per second; 0 = unlimited
	 * @param byteRate bytes per second; 0 = unlimited
	 */
	FloodGate(int rate, int burst, long byteRate, long byteBurst, ServerStalls stalls) {
		long now = System.nanoTime();
		this.messages = (rate > 0) ? new TokenBucket(rate, burst, now) : null;
		this.bytes = (byteRate > 0) ? new TokenBucket(byteRate, byteBurst, now) : null;
		this.ratePerNano = rate / 1e9;
		this.byteRatePerNano = byteRate / 1e9;
		this.disconnectAfter = 3L * burst;
		this.stalls = stalls;
		this.stallsSeen = stalls.stalledNanos(now);
	}

	static FloodGate unlimited() {
		return new FloodGate(0, 1, 0, 1, ServerStalls.none());
	}

	/**
	 * Take what one message of {@code length} bytes needs.
	 */
	synchronized FloodVerdict admit(long now, int length) {
		if (this.messages == null && this.bytes == null) {
			return FloodVerdict.PASS;
		}
		creditStalls(now);
		if (take(now, length)) {
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

	private boolean take(long now, int length) {
		if (this.messages != null && !this.messages.tryTake(now)) {
			return false;
		}
		if (this.bytes != null && !this.bytes.tryTake(now, length)) {
			if (this.messages != null) {
				this.messages.credit(1); // refused after all: give the message back
			}
			return false;
		}
		return true;
	}

	private void creditStalls(long now) {
		long stalled = this.stalls.stalledNanos(now);
		long fresh = Math.min(stalled - this.stallsSeen, this.stalls.recentStallNanos(now));
		this.stallsSeen = Math.max(this.stallsSeen, stalled);
		if (fresh > 0) {
			this.creditLapsesAt = now + ServerStalls.RECENT_NANOS;
			if (this.messages != null) {
				this.messages.credit(fresh * this.ratePerNano);
			}
			if (this.bytes != null) {
				this.bytes.credit(fresh * this.byteRatePerNano);
			}
		}
		else if (now - this.creditLapsesAt > 0) {
			if (this.messages != null) {
				this.messages.dropCredit();
			}
			if (this.bytes != null) {
				this.bytes.dropCredit();
			}
		}
	}

}
