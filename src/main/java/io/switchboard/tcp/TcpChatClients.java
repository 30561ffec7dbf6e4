package io.switchboard.tcp;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.client.ClientSession;
import io.switchboard.client.CloseReason;
import io.switchboard.client.Protocol;
import io.switchboard.hub.ChatHub;
import io.switchboard.transport.Frame;
import io.switchboard.transport.StreamLifecycle;
import io.switchboard.transport.SwitchboardTcpConnection;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.MessageHeaders;

/**
 * Binds the chat listener's TCP connections to the shared stream lifecycle: Spring
 * Integration's connection events (which arrive on the connection's own reader thread,
 * the open event before its first read) and its frames become the lifecycle's steps.
 */
final class TcpChatClients {

	private final String factoryName;

	private final ChatHub hub;

	private final ScheduledExecutorService scheduler;

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	TcpChatClients(String factoryName, ChatHub hub, ScheduledExecutorService scheduler) {
		this.factoryName = factoryName;
		this.hub = hub;
		this.scheduler = scheduler;
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (!isOurs(event) || !(event.getSource() instanceof SwitchboardTcpConnection connection)) {
			return;
		}
		StreamLifecycle lifecycle = new StreamLifecycle(this.hub, Protocol.TCP, connection, this.scheduler);
		// Known before it is admitted: a close during the greeting's write finds it.
		this.clients.put(connection.getConnectionId(), new Client(lifecycle, connection));
		lifecycle.open(connection.remoteAddress(), connection.remoteIp());
	}

	void received(Frame frame, MessageHeaders headers) {
		long receivedNanos = System.nanoTime();
		Client client = this.clients.get(headers.get(IpHeaders.CONNECTION_ID, String.class));
		if (client != null) {
			client.lifecycle().frame(frame, receivedNanos);
		}
	}

	@EventListener
	void failed(TcpConnectionExceptionEvent event) {
		if (!isOurs(event)) {
			return;
		}
		Client client = this.clients.get(event.getConnectionId());
		if (client != null) {
			Throwable cause = event.getCause();
			if (cause instanceof UncheckedIOException unchecked) {
				cause = unchecked.getCause();
			}
			client.lifecycle()
				.ended((cause instanceof SoftEndOfStreamException) ? CloseReason.EOF
						: (cause instanceof SocketTimeoutException) ? CloseReason.IDLE : CloseReason.ERROR, cause);
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		if (!isOurs(event)) {
			return;
		}
		Client client = this.clients.remove(event.getConnectionId());
		if (client != null) {
			client.lifecycle().closed();
		}
	}

	/**
	 * Close connections in the middle of a line (or of a TLS handshake) for longer than
	 * the line timeout; run periodically. See {@link SwitchboardTcpConnection#isOverdue}.
	 */
	void closeOverdue(long timeoutNanos) {
		long now = System.nanoTime();
		this.clients.values().forEach((client) -> {
			ClientSession session = client.lifecycle().session();
			if (session != null && !session.isClosing() && client.connection().isOverdue(now, timeoutNanos)) {
				if (client.connection().isHandshaken()) {
					this.hub.lineNotFinished(session);
				}
				else {
					session.abort(CloseReason.LINE_TIMEOUT); // no TLS to say it over
				}
			}
		});
	}

	private boolean isOurs(TcpConnectionEvent event) {
		return this.factoryName.equals(event.getConnectionFactoryName());
	}

	private record Client(StreamLifecycle lifecycle, SwitchboardTcpConnection connection) {
	}

}
