package io.switchboard.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * What each client takes of private messages from others: a token bucket of messages and
 * one of bytes per recipient ({@code switchboard.private-messages.*}), held while it is
 * being written to and forgotten once full again (it would change nothing) or when the
 * client leaves.
 */
final class RecipientLimits {

	private final int rate;

	private final int burst;

	private final long byteRate;

	private final long byteBurst;

	private final Map<String, Buckets> recipients = new ConcurrentHashMap<>();

	RecipientLimits(PrivateMessageProperties properties, int maxMessageBytes) {
		this.rate = properties.rate();
		this.burst = properties.burst();
		this.byteRate = properties.byteRate().toBytes();
		this.byteBurst = Math.max(properties.byteBurst().toBytes(), maxMessageBytes);
	}

	/**
	 * Take one message of {@code bytes} from the recipient's allowance, if it has room
	 * for it in both buckets (else nothing is taken).
	 */
	boolean tryTake(String recipientId, int bytes, long now) {
		if (this.rate == 0 && this.byteRate == 0) {
			return true;
		}
		Buckets buckets = this.recipients.computeIfAbsent(recipientId, (id) -> new Buckets(now));
		synchronized (buckets) {
			TokenBucket messages = buckets.messages;
			TokenBucket bytesBucket = buckets.bytes;
			if (messages != null && !messages.tryTake(now, 1)) {
				return false;
			}
			if (bytesBucket != null && !bytesBucket.tryTake(now, bytes)) {
				if (messages != null) {
					messages.credit(1); // the message it took back: nothing was sent
				}
				return false;
			}
			return true;
		}
	}

	void forget(String recipientId) {
		this.recipients.remove(recipientId);
	}

	/**
	 * Forget the buckets that are full again; run periodically.
	 */
	void sweep(long now) {
		this.recipients.values().removeIf((buckets) -> {
			synchronized (buckets) {
				return (buckets.messages == null || buckets.messages.isFull(now))
						&& (buckets.bytes == null || buckets.bytes.isFull(now));
			}
		});
	}

	int size() {
		return this.recipients.size();
	}

	private final class Buckets {

		final @Nullable TokenBucket messages;

		final @Nullable TokenBucket bytes;

		Buckets(long now) {
			this.messages = (RecipientLimits.this.rate > 0)
					? new TokenBucket(RecipientLimits.this.rate, RecipientLimits.this.burst, now) : null;
			this.bytes = (RecipientLimits.this.byteRate > 0)
					? new TokenBucket(RecipientLimits.this.byteRate, RecipientLimits.this.byteBurst, now) : null;
		}

	}

}
