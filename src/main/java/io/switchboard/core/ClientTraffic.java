package io.switchboard.core;

import java.time.Instant;

/**
 * What one client sent and was sent, and when it was last heard from: the {@code clients}
 * endpoint's counters, the idle and heartbeat clocks.
 */
public final class ClientTraffic {

	// Plain volatile counters, not AtomicLongs (four objects per client): each has one
	// writer at a time (a client's messages are handled one at a time, and its outbox
	// has one drainer), so read-increment-write loses nothing.

	private volatile long messagesIn;

	private volatile long messagesOut;

	private volatile long bytesIn;

	private volatile long bytesOut;

	private volatile long lastActiveMillis = System.currentTimeMillis();

	void received(int bytes) {
		this.lastActiveMillis = System.currentTimeMillis();
		this.messagesIn = this.messagesIn + 1;
		this.bytesIn = this.bytesIn + bytes;
	}

	void written(int lines, int bytes) {
		this.messagesOut = this.messagesOut + lines;
		this.bytesOut = this.bytesOut + bytes;
	}

	public Instant lastActiveAt() {
		return Instant.ofEpochMilli(this.lastActiveMillis);
	}

	public long lastActiveMillis() {
		return this.lastActiveMillis;
	}

	public long messagesIn() {
		return this.messagesIn;
	}

	public long messagesOut() {
		return this.messagesOut;
	}

	public long bytesIn() {
		return this.bytesIn;
	}

	public long bytesOut() {
		return this.bytesOut;
	}

}
