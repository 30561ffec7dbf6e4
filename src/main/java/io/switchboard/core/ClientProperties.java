package io.switchboard.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Per-client limits ({@code switchboard.client.*}): flood control on what a client sends,
 * and the slow-consumer rules on what it is sent.
 * <p>
 * A slow consumer is judged as Redis judges pub/sub clients: an outbox above the hard
 * limit is cut at once; one above the soft limit is cut when it stays there for the soft
 * time. Defaults: soft 1 MB (Centrifugo's queue), hard 16 MB (Redis: 8 MB soft for 60 s,
 * 32 MB hard; NATS: 64 MiB pending). The hard limit is an accounting bound, not a copy
 * per client: a broadcast line is one byte array shared by every outbox it is queued in,
 * so 10,000 readers behind the same 16 MB of burst hold 16 MB of lines, not 160 GB. The
 * soft time equals the write timeout: a reader that stops is cut within about 10 s either
 * way, while an honest reader gets time to drain a legal burst.
 *
 * @param outboxBytes the soft limit: bytes queued for one client that it may exceed only
 * for {@code outbox-soft-seconds}
 * @param outboxHardBytes bytes queued for one client beyond which it is cut at once
 * (never less than {@code outbox-bytes}: a configuration that only raises the soft limit
 * keeps working)
 * @param outboxSoftSeconds how long an outbox may stay above the soft limit
 * @param writeTimeout how long one socket write may block before the client is
 * disconnected as a slow consumer
 * @param rate messages per second a client may send on average; 0 = unlimited
 * @param burst messages a client may send at once above the rate
 * @param byteRate bytes per second a client may send on average; 0 = unlimited
 * @param byteBurst bytes a client may send at once above the byte rate (never less than
 * {@code switchboard.max-message-bytes}, so one longest line always fits)
 * @param maxRooms rooms one client may be in at once (json clients, and line clients with
 * {@code switchboard.line.multi-room})
 * @param writeLinger on the TCP and IRC doors, how long after a write of several lines
 * the client's next write waits, so that lines sent meanwhile go in one write (0: write
 * at once; see {@code ClientOutbox})
 * @param outputBudget bytes all clients' outboxes together may hold (see
 * {@link OutboxBudget}); unset: 40% of the maximum heap
 * @param outputBudgetPerAddress bytes the outboxes of one address (an IPv4 address, an
 * IPv6 /64) may hold together; unset: a sixteenth of the maximum heap (never more than
 * the whole budget)
 */
@ConfigurationProperties("switchboard.client")
public record ClientProperties(@DefaultValue("1MB") DataSize outboxBytes,
		@DefaultValue("16MB") DataSize outboxHardBytes, @DefaultValue("10") int outboxSoftSeconds,
		@DefaultValue("10s") Duration writeTimeout, @DefaultValue("20") int rate, @DefaultValue("50") int burst,
		@DefaultValue("16KB") DataSize byteRate, @DefaultValue("64KB") DataSize byteBurst,
		@DefaultValue("20") int maxRooms, @DefaultValue("1ms") Duration writeLinger, @Nullable DataSize outputBudget,
		@Nullable DataSize outputBudgetPerAddress) {

	public ClientProperties {
		if (maxRooms < 1) {
			throw new IllegalArgumentException("switchboard.client.max-rooms must be at least 1, was " + maxRooms);
		}
		// DataSize and Duration have no Bean Validation constraints; name the property
		// here.
		if (outboxBytes.toBytes() <= 0) {
			throw new IllegalArgumentException("switchboard.client.outbox-bytes must be positive, was " + outboxBytes);
		}
		if (outboxHardBytes.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"switchboard.client.outbox-hard-bytes must be positive, was " + outboxHardBytes);
		}
		if (outboxSoftSeconds < 1) {
			throw new IllegalArgumentException(
					"switchboard.client.outbox-soft-seconds must be positive, was " + outboxSoftSeconds);
		}
		if (rate < 0) {
			throw new IllegalArgumentException(
					"switchboard.client.rate must be 0 (unlimited) or positive, was " + rate);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("switchboard.client.burst must be positive, was " + burst);
		}
		if (byteRate.toBytes() < 0) {
			throw new IllegalArgumentException(
					"switchboard.client.byte-rate must be 0 (unlimited) or positive, was " + byteRate);
		}
		if (byteBurst.toBytes() < 1) {
			throw new IllegalArgumentException("switchboard.client.byte-burst must be positive, was " + byteBurst);
		}
		if (writeLinger.isNegative() || writeLinger.compareTo(Duration.ofSeconds(1)) > 0) {
			throw new IllegalArgumentException(
					"switchboard.client.write-linger must be between 0 and 1s, was " + writeLinger);
		}
		if (outputBudget != null && outputBudget.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"switchboard.client.output-budget must be positive (or unset: 40% of the heap), was "
							+ outputBudget);
		}
		if (outputBudgetPerAddress != null && outputBudgetPerAddress.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"switchboard.client.output-budget-per-address must be positive (or unset: a sixteenth of the heap), was "
							+ outputBudgetPerAddress);
		}
		if (writeTimeout.isNegative() || writeTimeout.isZero()) {
			throw new IllegalArgumentException(
					"switchboard.client.write-timeout must be positive, was " + writeTimeout);
		}
	}

	/**
	 * The hard limit in effect: {@code outbox-hard-bytes}, or {@code outbox-bytes} if
	 * that is larger.
	 */
	public long outboxHardLimit() {
		return Math.max(this.outboxBytes.toBytes(), this.outboxHardBytes.toBytes());
	}

	/**
	 * The output budget in effect: {@code output-budget}, or 40% of the maximum heap.
	 * Outboxes hold lines on the heap, and the heap must also hold everything else; 40%
	 * leaves room for rooms, history and garbage not yet collected on the chart's 614
	 * MiB.
	 */
	public long outputBudgetTotalBytes() {
		return (this.outputBudget != null) ? this.outputBudget.toBytes() : Runtime.getRuntime().maxMemory() / 10 * 4;
	}

	/**
	 * The per-address budget in effect: {@code output-budget-per-address}, or a sixteenth
	 * of the maximum heap (38 MiB on the chart's heap: an office behind one NAT address
	 * reading normally holds a fraction of that), never more than the whole budget.
	 */
	public long outputBudgetPerAddressBytes() {
		long perAddress = (this.outputBudgetPerAddress != null) ? this.outputBudgetPerAddress.toBytes()
				: Runtime.getRuntime().maxMemory() / 16;
		return Math.min(perAddress, outputBudgetTotalBytes());
	}

}
