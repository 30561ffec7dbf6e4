package io.switchboard.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rate limit per IP address (new TCP connections, UDP join attempts): a token bucket
 * per address, forgotten once full again so the table stays small.
 */
public final class IpRateLimiter {

	private final double ratePerSecond;

	private final double burst;

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	/**
	 * @param ratePerSecond events per second per address (bursts up to twice that); 0 =
	 * unlimited
	 */
	public IpRateLimiter(double ratePerSecond) {
		this(ratePerSecond, Math.max(1, 2 * ratePerSecond));
	}

	/**
	 * @param ratePerSecond events per second per address; 0 = unlimited
	 * @param burst events one address may have at once
	 */
	public IpRateLimiter(double ratePerSecond, double burst) {
		this.ratePerSecond = ratePerSecond;
		this.burst = burst;
	}

	/**
	 * @return false if the address is over its rate
	 */
	public boolean tryAcquire(String ip) {
		return tryAcquire(ip, 1);
	}

	/**
	 * Take several permits at once, e.g. a datagram's bytes against a byte rate; a
	 * request for more than the burst is always refused.
	 * @return false if the address is over its rate
	 */
	public boolean tryAcquire(String ip, int permits) {
		if (this.ratePerSecond <= 0) {
			return true;
		}
		long now = System.nanoTime();
		boolean[] taken = new boolean[1];
		this.buckets.compute(ip, (key, bucket) -> {
			TokenBucket current = (bucket != null) ? bucket : new TokenBucket(this.ratePerSecond, this.burst, now);
			taken[0] = current.tryTake(now, permits);
			return current;
		});
		return taken[0];
	}

	/**
	 * How long the address must wait before its next event is allowed, without using one
	 * up (e.g. a failed login is charged only once it has failed).
	 * @return nanoseconds; 0 if an event is allowed now
	 */
	public long nanosUntilAllowed(String ip) {
		if (this.ratePerSecond <= 0) {
			return 0;
		}
		long now = System.nanoTime();
		long[] wait = new long[1];
		this.buckets.computeIfPresent(ip, (key, bucket) -> {
			wait[0] = bucket.nanosUntilToken(now);
			return bucket;
		});
		return wait[0];
	}

	/**
	 * Forget addresses whose bucket is full again; run periodically.
	 */
	public void sweep() {
		long now = System.nanoTime();
		this.buckets.entrySet().removeIf((entry) -> entry.getValue().isFull(now));
	}

	int size() {
		return this.buckets.size();
	}

}
