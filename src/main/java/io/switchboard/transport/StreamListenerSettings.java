package io.switchboard.transport;

import io.netty.channel.ChannelHandler;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link StreamListener} listens and reads.
 *
 * @param name the listener's name, in its threads' names ({@code tcp}, {@code irc}); its
 * settings are {@code switchboard.<name>.host} and {@code .port}, as a failure to bind
 * names them
 * @param host the address to bind
 * @param port the port; 0 picks a free one
 * @param backlog the accept queue's length
 * @param sendBufferBytes SO_SNDBUF per connection; 0 = the kernel's
 * @param idleTimeoutMillis connections silent this long end ({@code idle}); 0 = never
 * @param keepAlive TCP keep-alive timing; null = the kernel's
 * @param tls TLS on every connection; null = plain
 * @param proxy the PROXY protocol: headers read from trusted peers and refused from the
 * rest; null = none at all (a header is just bytes)
 * @param cutting how the bytes are cut into frames
 * @param portSetting the setting a failure to bind names
 * ({@code switchboard.irc.tls-port}); the host's is the one beside it
 * ({@code switchboard.irc.host})
 */
public record StreamListenerSettings(String name, String host, int port, int backlog, int sendBufferBytes,
		long idleTimeoutMillis, @Nullable KeepAlive keepAlive, @Nullable TlsSupport tls, @Nullable ProxyProtocol proxy,
		Cutting cutting, String portSetting) {

	/**
	 * Settings whose port is {@code switchboard.<name>.port}.
	 */
	public StreamListenerSettings(String name, String host, int port, int backlog, int sendBufferBytes,
			long idleTimeoutMillis, @Nullable KeepAlive keepAlive, @Nullable TlsSupport tls,
			@Nullable ProxyProtocol proxy, Cutting cutting) {
		this(name, host, port, backlog, sendBufferBytes, idleTimeoutMillis, keepAlive, tls, proxy, cutting,
				"switchboard." + name + ".port");
	}

	/**
	 * TCP keep-alive timing, in seconds: probes after {@code idle} silence, every
	 * {@code interval}, dropping the connection after {@code count} unanswered.
	 */
	public record KeepAlive(int idle, int interval, int count) {
	}

	/**
	 * Makes a connection's frame cutter (a handler at the end of its pipeline that
	 * reports frames to its {@link StreamConnection}).
	 */
	@FunctionalInterface
	public interface Cutting {

		ChannelHandler cutter(StreamConnection connection);

	}

}
