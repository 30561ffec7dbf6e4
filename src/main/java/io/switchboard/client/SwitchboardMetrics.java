package io.switchboard.client;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Switchboard's Micrometer meters. Tags are protocol and reason only, never per client
 * (cardinality); per-client detail is in the {@code clients} endpoint. Hot-path meters
 * are looked up once.
 */
public final class SwitchboardMetrics {

	private final MeterRegistry registry;

	private final Map<Protocol, Counter> opened;

	private final Map<Protocol, Counter> received;

	private final Map<Protocol, Counter> delivered;

	private final Map<Protocol, Counter> bytesReceived;

	private final Map<Protocol, Counter> bytesSent;

	private final Timer deliveryLatency;

	public SwitchboardMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.opened = perProtocol((p) -> Counter.builder("switchboard.connections.opened")
			.description("Clients connected (TCP) or joined (UDP)")
			.tag("protocol", p.tag())
			.register(registry));
		this.received = perProtocol((p) -> Counter.builder("switchboard.messages.received")
			.description("Messages received from clients, commands and heartbeats included")
			.tag("protocol", p.tag())
			.register(registry));
		this.delivered = perProtocol((p) -> Counter.builder("switchboard.messages.delivered")
			.description("Lines written to clients")
			.tag("protocol", p.tag())
			.register(registry));
		this.bytesReceived = perProtocol((p) -> Counter.builder("switchboard.bytes.received")
			.baseUnit("bytes")
			.tag("protocol", p.tag())
			.register(registry));
		this.bytesSent = perProtocol((p) -> Counter.builder("switchboard.bytes.sent")
			.baseUnit("bytes")
			.tag("protocol", p.tag())
			.register(registry));
		this.deliveryLatency = Timer.builder("switchboard.delivery.latency")
			.description("From the arrival of the oldest message in a write to that write to a receiver's socket")
			.publishPercentileHistogram()
			.register(registry);
	}

	/**
	 * Register a gauge per protocol.
	 */
	public <T> void gaugePerProtocol(String name, String description, T source,
			Function<Protocol, ToDoubleFunction<T>> value) {
		for (Protocol protocol : Protocol.values()) {
			Gauge.builder(name, source, value.apply(protocol))
				.description(description)
				.tag("protocol", protocol.tag())
				.register(this.registry);
		}
	}

	public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
		Gauge.builder(name, source, value).description(description).register(this.registry);
	}

	void opened(Protocol protocol) {
		this.opened.get(protocol).increment();
	}

	/**
	 * Count a connection that ended, or was refused (reason {@code full}).
	 */
	public void closed(Protocol protocol, CloseReason reason) {
		this.registry.counter("switchboard.connections.closed", "protocol", protocol.tag(), "reason", reason.tag())
			.increment();
	}

	void received(Protocol protocol, int bytes) {
		this.received.get(protocol).increment();
		this.bytesReceived.get(protocol).increment(bytes);
	}

	void delivered(Protocol protocol, List<OutboundLine> lines, int bytes) {
		this.delivered.get(protocol).increment(lines.size());
		this.bytesSent.get(protocol).increment(bytes);
		// Once per write, for its oldest line: recording every line of a coalesced write
		// cost more CPU than the rest of the delivery (percentile histogram buckets).
		for (OutboundLine line : lines) {
			if (line.receivedNanos() != 0) {
				this.deliveryLatency.record(System.nanoTime() - line.receivedNanos(), TimeUnit.NANOSECONDS);
				return;
			}
		}
	}

	/**
	 * Count a message that was not broadcast or not delivered.
	 * @param reason e.g. {@code slow-consumer}, {@code too-long}, {@code shutdown}
	 */
	public void dropped(String reason) {
		this.registry.counter("switchboard.messages.dropped", "reason", reason).increment();
	}

	private static Map<Protocol, Counter> perProtocol(Function<Protocol, Counter> factory) {
		Map<Protocol, Counter> counters = new EnumMap<>(Protocol.class);
		for (Protocol protocol : Protocol.values()) {
			counters.put(protocol, factory.apply(protocol));
		}
		return counters;
	}

}
