package io.switchboard.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

import jdk.net.ExtendedSocketOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes the connection factories create {@link SwitchboardTcpConnection}s, over TLS when
 * given a {@link TlsSupport}, with the keep-alive timing and the line timeout of the chat
 * port.
 */
public final class SwitchboardTcpConnectionSupport implements TcpNetConnectionSupport {

	private static final Log logger = LogFactory.getLog(SwitchboardTcpConnectionSupport.class);

	private final @Nullable TlsSupport tls;

	private final TcpProperties.@Nullable KeepAlive keepAlive;

	private final long lineTimeoutMillis;

	/**
	 * Plain connections with the kernel's keep-alive timing and no line timeout (the echo
	 * service).
	 */
	public SwitchboardTcpConnectionSupport() {
		this(null, null, 0);
	}

	SwitchboardTcpConnectionSupport(@Nullable TlsSupport tls, TcpProperties.@Nullable KeepAlive keepAlive,
			long lineTimeoutMillis) {
		this.tls = tls;
		this.keepAlive = keepAlive;
		this.lineTimeoutMillis = lineTimeoutMillis;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		if (this.keepAlive != null) {
			applyKeepAlive(socket, this.keepAlive);
		}
		Socket connected = socket;
		if (this.tls != null) {
			try {
				connected = this.tls.wrap(socket);
			}
			catch (IOException ex) {
				// The factory closes the socket and logs; nothing else is affected.
				throw new UncheckedIOException("TLS setup failed for " + socket.getRemoteSocketAddress(), ex);
			}
		}
		return new SwitchboardTcpConnection(connected, server, lookupHost, publisher, factoryName,
				this.lineTimeoutMillis);
	}

	/**
	 * The kernel's defaults (2 hours idle, then 9 probes 75 s apart on Linux) keep a peer
	 * that vanished without a FIN listed for over two hours; these find it within idle +
	 * interval x count, without a line the client could see.
	 */
	private static void applyKeepAlive(Socket socket, TcpProperties.KeepAlive keepAlive) {
		try {
			socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, (int) keepAlive.idle().toSeconds());
			socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, (int) keepAlive.interval().toSeconds());
			socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, keepAlive.count());
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.debug("Keep-alive timing not set on " + socket + ": " + ex);
		}
	}

}
