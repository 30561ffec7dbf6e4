package io.switchboard.client;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one client sent and was sent, and when it was last heard from: the {@code clients}
 * endpoint's counters, the idle and heartbeat clocks.
 */
public final class ClientTraffic {

	private final AtomicLong messagesIn = new AtomicLong();

	private final AtomicLong messagesOut = new AtomicLong();

	private final AtomicLong bytesIn = new AtomicLong();

	private final AtomicLong bytesOut = new AtomicLong();

	private volatile long lastActiveMillis = System.currentTimeMillis();

	void received(int bytes) {
		this.lastActiveMillis = System.currentTimeMillis();
		this.messagesIn.incrementAndGet();
		this.bytesIn.addAndGet(bytes);
	}

	void written(int lines, int bytes) {
		this.messagesOut.addAndGet(lines);
		this.bytesOut.addAndGet(bytes);
	}

	public Instant lastActiveAt() {
		return Instant.ofEpochMilli(this.lastActiveMillis);
	}

	public long lastActiveMillis() {
		return this.lastActiveMillis;
	}

	public long messagesIn() {
		return this.messagesIn.get();
	}

	public long messagesOut() {
		return this.messagesOut.get();
	}

	public long bytesIn() {
		return this.bytesIn.get();
	}

	public long bytesOut() {
		return this.bytesOut.get();
	}

}
