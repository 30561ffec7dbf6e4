package io.switchboard.client;

/**
 * A token bucket: {@code burst} tokens, refilled at {@code rate} per second. Not
 * thread-safe; callers synchronize.
 */
final class TokenBucket {

	private final double ratePerNano;

	private final double burst;

	private double tokens;

	private long refilledAt;

	TokenBucket(double ratePerSecond, double burst, long now) {
		this.ratePerNano = ratePerSecond / 1e9;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAt = now;
	}

	boolean tryTake(long now) {
		this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerNano);
		this.refilledAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	/**
	 * Whether the bucket has been full long enough that forgetting it changes nothing.
	 */
	boolean isFull(long now) {
		return this.tokens + (now - this.refilledAt) * this.ratePerNano >= this.burst;
	}

}
