package io.switchboard.transport;

import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes a blocking connection factory (the TCP echo service's) create
 * {@link SwitchboardTcpConnection}s.
 */
public final class SwitchboardTcpConnectionSupport implements TcpNetConnectionSupport {

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		return new SwitchboardTcpConnection(socket, server, lookupHost, publisher, factoryName);
	}

}
