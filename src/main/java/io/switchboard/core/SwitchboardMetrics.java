package io.switchboard.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Switchboard's Micrometer meters. Tags are protocol and reason only, never per client
 * (cardinality); per-client detail is in the {@code clients} endpoint. A protocol's
 * meters are registered when it is first seen, then looked up in a map.
 */
public final class SwitchboardMetrics {

	private final MeterRegistry registry;

	private final Map<Protocol, ProtocolMeters> perProtocol = new ConcurrentHashMap<>();

	/**
	 * One write in this many of each client's that carry messages is timed, its first
	 * among them: the latency's distribution stays that of all writes (a uniform sample
	 * of each client's), at an eighth of the cost (timing every write into the
	 * histogram's buckets took 2-3% of the CPU at 500k deliveries/s). The timer counts
	 * the timed writes; {@code switchboard.messages.delivered} counts every line.
	 */
	static final int TIME_ONE_WRITE_IN = 8;

	private final Timer deliveryLatency;

	private final Counter privateMessages;

	public SwitchboardMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.privateMessages = Counter.builder("switchboard.messages.private")
			.description("Private messages sent by this node's clients")
			.register(registry);
		this.deliveryLatency = Timer.builder("switchboard.delivery.latency")
			.description("From the arrival of the oldest message in a write to that write to a receiver's socket"
					+ " (one write in " + TIME_ONE_WRITE_IN + " of each client's timed)")
			.publishPercentileHistogram()
			.register(registry);
	}

	/**
	 * Register a gauge tagged with a protocol.
	 */
	public <T> void gauge(String name, String description, Protocol protocol, T source, ToDoubleFunction<T> value) {
		Gauge.builder(name, source, value)
			.description(description)
			.tag("protocol", protocol.tag())
			.register(this.registry);
	}

	public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
		Gauge.builder(name, source, value).description(description).register(this.registry);
	}

	void opened(Protocol protocol) {
		meters(protocol).opened().increment();
	}

	/**
	 * Count a connection that ended, or was refused (reason {@code full}).
	 */
	public void closed(Protocol protocol, CloseReason reason) {
		this.registry.counter("switchboard.connections.closed", "protocol", protocol.tag(), "reason", reason.tag())
			.increment();
	}

	/**
	 * Count a message received, and its bytes: a client's, or a line of the publish API
	 * (protocol {@code api}).
	 */
	public void received(Protocol protocol, int bytes) {
		ProtocolMeters meters = meters(protocol);
		meters.received().increment();
		meters.bytesReceived().increment(bytes);
	}

	/**
	 * Count a write to a client.
	 */
	void delivered(ProtocolMeters meters, int lines, int bytes) {
		meters.delivered().increment(lines);
		meters.bytesSent().increment(bytes);
	}

	/**
	 * Time a write from the arrival of its oldest message ({@link System#nanoTime()}).
	 */
	void deliveryTimed(long receivedNanos) {
		this.deliveryLatency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Count a private message sent by one of this node's clients.
	 */
	public void privateMessage() {
		this.privateMessages.increment();
	}

	/**
	 * Count a message that was not broadcast or not delivered.
	 * @param reason e.g. {@code slow-consumer}, {@code too-long}, {@code shutdown}
	 */
	public void dropped(String reason) {
		this.registry.counter("switchboard.messages.dropped", "reason", reason).increment();
	}

	/**
	 * The protocol's counters, registered the first time a protocol is seen.
	 */
	/** One protocol's meters (a client keeps its own: no lookup per write). */
	ProtocolMeters meters(Protocol protocol) {
		ProtocolMeters meters = this.perProtocol.get(protocol);
		return (meters != null) ? meters : this.perProtocol.computeIfAbsent(protocol, this::register);
	}

	private ProtocolMeters register(Protocol protocol) {
		String tag = protocol.tag();
		return new ProtocolMeters(
				Counter.builder("switchboard.connections.opened")
					.description("Clients connected (TCP) or joined (UDP)")
					.tag("protocol", tag)
					.register(this.registry),
				Counter.builder("switchboard.messages.received")
					.description("Messages received from clients, commands and heartbeats included")
					.tag("protocol", tag)
					.register(this.registry),
				Counter.builder("switchboard.messages.delivered")
					.description("Lines written to clients")
					.tag("protocol", tag)
					.register(this.registry),
				Counter.builder("switchboard.bytes.received")
					.baseUnit("bytes")
					.tag("protocol", tag)
					.register(this.registry),
				Counter.builder("switchboard.bytes.sent")
					.baseUnit("bytes")
					.tag("protocol", tag)
					.register(this.registry));
	}

	record ProtocolMeters(Counter opened, Counter received, Counter delivered, Counter bytesReceived,
			Counter bytesSent) {
	}

}
