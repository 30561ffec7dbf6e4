package io.switchboard.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes the connection factories create {@link SwitchboardTcpConnection}s, each accepted
 * socket first prepared by the listener's {@link SocketSetup} (the chat port's keep-alive
 * timing and TLS), with the line timeout and the PROXY protocol of the listener.
 */
public final class SwitchboardTcpConnectionSupport implements TcpNetConnectionSupport {

	private final SocketSetup setup;

	private final long lineTimeoutMillis;

	private final @Nullable ProxyProtocol proxy;

	/**
	 * Plain connections with the kernel's keep-alive timing, no line timeout and no PROXY
	 * protocol (the echo service).
	 */
	public SwitchboardTcpConnectionSupport() {
		this((socket) -> socket, 0, null);
	}

	/**
	 * @param setup applied to each accepted socket; returns the socket to use
	 * @param lineTimeoutMillis how long a started line may take to end; 0 = no limit
	 * @param proxy the PROXY protocol (headers read from trusted peers, refused from the
	 * rest); null = none at all, a header is just bytes
	 */
	public SwitchboardTcpConnectionSupport(SocketSetup setup, long lineTimeoutMillis, @Nullable ProxyProtocol proxy) {
		this.setup = setup;
		this.lineTimeoutMillis = lineTimeoutMillis;
		this.proxy = proxy;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		Socket connected;
		try {
			connected = this.setup.prepare(socket);
		}
		catch (IOException ex) {
			// The factory closes the socket and logs; nothing else is affected.
			throw new UncheckedIOException("Socket setup failed for " + socket.getRemoteSocketAddress(), ex);
		}
		return new SwitchboardTcpConnection(connected, socket, this.proxy, server, lookupHost, publisher, factoryName,
				this.lineTimeoutMillis);
	}

	/**
	 * What a listener does to each socket it accepts before reading from it: socket
	 * options, or wrapping it (TLS).
	 */
	@FunctionalInterface
	public interface SocketSetup {

		/**
		 * Prepare an accepted socket.
		 * @return the socket to read and write: {@code accepted} or a wrapper of it
		 */
		Socket prepare(Socket accepted) throws IOException;

	}

}
