package io.switchboard.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes the connection factories create {@link SwitchboardTcpConnection}s, over TLS when
 * given a {@link TlsSupport}.
 */
public final class SwitchboardTcpConnectionSupport implements TcpNetConnectionSupport {

	private final @Nullable TlsSupport tls;

	public SwitchboardTcpConnectionSupport() {
		this(null);
	}

	SwitchboardTcpConnectionSupport(@Nullable TlsSupport tls) {
		this.tls = tls;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
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
		return new SwitchboardTcpConnection(connected, server, lookupHost, publisher, factoryName);
	}

}
