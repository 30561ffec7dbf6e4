package io.switchboard.echo;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.IpRateLimiter;
import io.switchboard.transport.StreamListener;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.udp.UdpServerListeningEvent;

/**
 * Decides whether the UDP echo may answer a datagram. A datagram's source address can be
 * forged, so the echo never answers a source it could loop with or harm: a reserved port
 * (below 1024: echo, chargen, DNS... answer back), one of this server's own listening
 * ports (its own echo port included, so its own address, and another replica's echo, are
 * refused), or an address over its byte rate. Drops are counted in
 * {@code switchboard.echo.dropped} by {@code reason}.
 */
final class EchoGuard {

	private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();

	private final IpRateLimiter bytesPerIp;

	private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);

	/**
	 * @param bytesPerSecond bytes per second echoed to one IP address (bursts of twice
	 * that)
	 * @param configuredPorts the server's listening ports as configured; 0 (any free
	 * port) is learnt from the listeners' events
	 */
	EchoGuard(long bytesPerSecond, Iterable<Integer> configuredPorts, MeterRegistry meters) {
		this.bytesPerIp = new IpRateLimiter(bytesPerSecond);
		configuredPorts.forEach(this::ownPort);
		for (Drop drop : Drop.values()) {
			this.dropped.put(drop,
					Counter.builder("switchboard.echo.dropped")
						.description("Datagrams the UDP echo did not answer")
						.tag("reason", drop.tag())
						.register(meters));
		}
	}

	/**
	 * Whether to echo {@code bytes} bytes to {@code source}; a refusal is counted.
	 */
	boolean admit(InetSocketAddress source, int bytes) {
		Drop drop = verdict(source, bytes);
		if (drop != null) {
			this.dropped.get(drop).increment();
		}
		return drop == null;
	}

	@Nullable Drop verdict(InetSocketAddress source, int bytes) {
		if (source.getPort() < 1024) {
			return Drop.RESERVED_PORT;
		}
		if (this.ownPorts.contains(source.getPort())) {
			return Drop.OWN_PORT;
		}
		// Checked last, so refused datagrams cost no allowance.
		if (!this.bytesPerIp.tryAcquire(source.getAddress().getHostAddress(), Math.max(1, bytes))) {
			return Drop.RATE;
		}
		return null;
	}

	/**
	 * Count a datagram that arrived while the echo was stopping.
	 */
	void late() {
		this.dropped.get(Drop.SHUTDOWN).increment();
	}

	void ownPort(int port) {
		if (port > 0) {
			this.ownPorts.add(port);
		}
	}

	/**
	 * Forget addresses whose allowance is full again; run every second, so the table
	 * holds only the addresses of the last few seconds, forged or not.
	 */
	void sweep() {
		this.bytesPerIp.sweep();
	}

	@EventListener
	void listening(TcpConnectionServerListeningEvent event) {
		ownPort(event.getPort());
	}

	/** The chat and IRC ports. */
	@EventListener
	void listening(StreamListener.Listening event) {
		ownPort(event.port());
	}

	@EventListener
	void listening(UdpServerListeningEvent event) {
		ownPort(event.getPort());
	}

	/** The web server and, on its own port, the management server. */
	@EventListener
	void listening(WebServerInitializedEvent event) {
		ownPort(event.getWebServer().getPort());
	}

	/**
	 * Why a datagram was not echoed: the {@code reason} tag.
	 */
	enum Drop {

		RESERVED_PORT, OWN_PORT, RATE,
		/** Arrived while the echo was stopping. */
		SHUTDOWN;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
