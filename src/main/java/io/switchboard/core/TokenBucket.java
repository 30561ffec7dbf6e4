package io.switchboard.core;

/**
 * A token bucket: {@code burst} tokens, refilled at {@code rate} per second. Not
 * thread-safe; callers synchronize.
 */
public final class TokenBucket {

	private final double ratePerNano;

	private final double burst;

	private double tokens;

	private long refilledAt;

	public TokenBucket(double ratePerSecond, double burst, long now) {
		this.ratePerNano = ratePerSecond / 1e9;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAt = now;
	}

	boolean tryTake(long now) {
		return tryTake(now, 1);
	}

	/**
	 * Take {@code cost} tokens if there are that many.
	 */
	public boolean tryTake(long now, double cost) {
		refill(now);
		if (this.tokens >= cost) {
			this.tokens -= cost;
			return true;
		}
		return false;
	}

	/**
	 * Add tokens beyond the burst (time the server, not the client, stood still); they
	 * are spent before the bucket refills again.
	 */
	public void credit(double extra) {
		this.tokens += extra;
	}

	/**
	 * Forget tokens above the burst.
	 */
	void dropCredit() {
		this.tokens = Math.min(this.tokens, this.burst);
	}

	/**
	 * Whether a token is there to take, without taking it.
	 */
	boolean hasToken(long now) {
		refill(now);
		return this.tokens >= 1;
	}

	/**
	 * Nanoseconds until the next whole token.
	 */
	long nanosUntilToken(long now) {
		refill(now);
		return (this.tokens >= 1 || this.ratePerNano == 0) ? 0 : (long) Math.ceil((1 - this.tokens) / this.ratePerNano);
	}

	private void refill(long now) {
		// Tokens credited above the burst are kept until spent.
		double refilled = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerNano);
		this.tokens = Math.max(this.tokens, refilled);
		this.refilledAt = now;
	}

	/**
	 * Whether the bucket has been full long enough that forgetting it changes nothing.
	 */
	public boolean isFull(long now) {
		return this.tokens + (now - this.refilledAt) * this.ratePerNano >= this.burst;
	}

}
