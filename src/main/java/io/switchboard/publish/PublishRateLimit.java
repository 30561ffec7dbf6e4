package io.switchboard.publish;

import java.util.concurrent.TimeUnit;

import io.switchboard.core.ClientProperties;
import io.switchboard.core.IpRateLimiter;

/**
 * Flood control for publishers, with a client's settings
 * ({@code switchboard.client.rate}, {@code burst}, {@code byte-rate},
 * {@code byte-burst}): a bucket of messages and one of bytes per token subject (or for
 * the admin), so a service gets what one client gets however many requests it makes at
 * once. Unlike a client it is never disconnected, only told when to come back.
 */
final class PublishRateLimit {

	private final IpRateLimiter messages;

	private final IpRateLimiter bytes;

	private final long byteRate;

	PublishRateLimit(ClientProperties client, int maxMessageBytes) {
		this.messages = new IpRateLimiter(client.rate(), client.burst());
		this.byteRate = client.byteRate().toBytes();
		// As for clients: one longest line always fits in the burst.
		this.bytes = new IpRateLimiter(this.byteRate, Math.max(maxMessageBytes, client.byteBurst().toBytes()));
	}

	/**
	 * Take what one line of {@code length} bytes needs.
	 * @return 0 if it may be sent now, else the seconds to wait (at least 1)
	 */
	long take(String key, int length) {
		if (!this.messages.tryAcquire(key)) {
			return seconds(this.messages.nanosUntilAllowed(key));
		}
		if (!this.bytes.tryAcquire(key, length)) {
			return Math.max(1, (length + this.byteRate - 1) / this.byteRate);
		}
		return 0;
	}

	/**
	 * Forget publishers whose buckets are full again; run periodically.
	 */
	void sweep() {
		this.messages.sweep();
		this.bytes.sweep();
	}

	private static long seconds(long nanos) {
		return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
	}

}
