package io.switchboard.tcp;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.client.ClientSession;
import io.switchboard.client.CloseReason;
import io.switchboard.client.Event;
import io.switchboard.client.Protocol;
import io.switchboard.client.SwitchboardMetrics;
import io.switchboard.hub.ChatHub;
import io.switchboard.transport.Frame;
import io.switchboard.transport.ProxyHeaderException;
import io.switchboard.transport.StreamLifecycle;
import io.switchboard.transport.SwitchboardTcpConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.MessageHeaders;

/**
 * Binds the chat listener's TCP connections to the shared stream lifecycle: Spring
 * Integration's connection events (which arrive on the connection's own reader thread,
 * the open event before its first read) and its frames become the lifecycle's steps. A
 * trusted proxy's PROXY header is read in the open event, before the client is admitted
 * with the address it names; a bad one refuses the connection.
 */
final class TcpChatClients {

	private static final Log logger = LogFactory.getLog(TcpChatClients.class);

	private static final Event PROXY_REFUSED = Event
		.failure("PROXY header refused: your address is not a trusted proxy");

	private final String factoryName;

	private final ChatHub hub;

	private final ScheduledExecutorService scheduler;

	private final SwitchboardMetrics metrics;

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	TcpChatClients(String factoryName, ChatHub hub, ScheduledExecutorService scheduler, SwitchboardMetrics metrics) {
		this.factoryName = factoryName;
		this.hub = hub;
		this.scheduler = scheduler;
		this.metrics = metrics;
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (!isOurs(event) || !(event.getSource() instanceof SwitchboardTcpConnection connection)) {
			return;
		}
		StreamLifecycle lifecycle = new StreamLifecycle(this.hub, Protocol.TCP, connection, this.scheduler);
		// Known before it is admitted: a close during the greeting's write finds it.
		this.clients.put(connection.getConnectionId(), new Client(lifecycle, connection));
		connection.onProxyHeaderRefused(() -> {
			ClientSession session = lifecycle.session();
			if (session != null) {
				session.close(CloseReason.PROXY_REFUSED, PROXY_REFUSED);
			}
		});
		try {
			connection.readProxyHeader();
		}
		catch (IOException ex) {
			proxyHeaderFailed(lifecycle, connection, ex);
			return;
		}
		lifecycle.open(connection.remoteAddress(), connection.remoteIp());
	}

	/**
	 * A trusted proxy's connection without a valid header: never admitted. The proxy (and
	 * its client) is told why, except on TLS, where a plain line would break the
	 * handshake.
	 */
	private void proxyHeaderFailed(StreamLifecycle lifecycle, SwitchboardTcpConnection connection,
			IOException failure) {
		CloseReason reason = (failure instanceof ProxyHeaderException header) ? header.reason() : CloseReason.ERROR;
		this.metrics.closed(Protocol.TCP, reason);
		if (reason == CloseReason.ERROR) {
			logger.debug("Connection from trusted proxy " + connection.remoteAddress() + " failed: " + failure);
			lifecycle.refuse(null);
			return;
		}
		logger.warn("Refused a connection from trusted proxy " + connection.remoteAddress() + " (" + reason.tag()
				+ "): " + failure.getMessage());
		lifecycle
			.refuse(connection.isTls() ? null : this.hub.lineDialect().render(Event.failure(failure.getMessage())));
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
			client.lifecycle().failed(event.getCause());
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
