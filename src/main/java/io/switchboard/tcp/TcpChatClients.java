package io.switchboard.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.client.ClientSession;
import io.switchboard.client.CloseReason;
import io.switchboard.client.OutboundLine;
import io.switchboard.client.Protocol;
import io.switchboard.hub.Admission;
import io.switchboard.hub.ChatHub;
import io.switchboard.transport.Frame;
import io.switchboard.transport.StreamTransport;
import io.switchboard.transport.SwitchboardTcpConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.MessageHeaders;

/**
 * Binds TCP connections of the chat listener to hub sessions: admits on open, hands
 * framed messages to the hub, and records why a connection ended. Connection events
 * arrive on the connection's own reader thread, before its first read.
 */
final class TcpChatClients {

	private static final Log logger = LogFactory.getLog(TcpChatClients.class);

	private final String factoryName;

	private final ChatHub hub;

	private final ScheduledExecutorService scheduler;

	private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

	private final Map<String, SwitchboardTcpConnection> connections = new ConcurrentHashMap<>();

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
		String id = connection.getConnectionId();
		StreamTransport transport = new StreamTransport(connection, this.scheduler, () -> leaveRoom(id));
		Admission admission = this.hub.connect(Protocol.TCP, connection.remoteAddress(), connection.remoteIp(),
				transport);
		ClientSession session = admission.session();
		if (session != null) {
			this.sessions.put(id, session);
			this.connections.put(id, connection);
			// The greeting's write may already have failed and closed the connection, and
			// its close event, which comes once, found no session yet: clean up here.
			if (!connection.isOpen() && this.sessions.remove(id, session)) {
				this.connections.remove(id);
				session.markClosing(CloseReason.ERROR);
				this.hub.disconnected(session);
			}
		}
		else {
			refuse(connection, transport, admission.refusal());
		}
	}

	void received(Frame frame, MessageHeaders headers) {
		long receivedNanos = System.nanoTime();
		ClientSession session = this.sessions.get(headers.get(IpHeaders.CONNECTION_ID, String.class));
		if (session == null) {
			return; // refused or already gone; its input is drained and ignored
		}
		if (frame.tooLong()) {
			this.hub.tooLong(session);
		}
		else if (frame.unfinished()) {
			this.hub.lineNotFinished(session);
		}
		else {
			this.hub.receive(session, frame.bytes(), receivedNanos);
		}
	}

	@EventListener
	void failed(TcpConnectionExceptionEvent event) {
		if (!isOurs(event)) {
			return;
		}
		ClientSession session = this.sessions.get(event.getConnectionId());
		if (session != null) {
			Throwable cause = event.getCause();
			if (cause instanceof UncheckedIOException unchecked) {
				cause = unchecked.getCause();
			}
			CloseReason reason = (cause instanceof SoftEndOfStreamException) ? CloseReason.EOF
					: (cause instanceof SocketTimeoutException) ? CloseReason.IDLE : CloseReason.ERROR;
			if (session.markClosing(reason) && reason == CloseReason.ERROR) {
				logger.debug("Connection " + session + " failed: " + cause);
			}
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		if (!isOurs(event)) {
			return;
		}
		this.connections.remove(event.getConnectionId());
		ClientSession session = this.sessions.remove(event.getConnectionId());
		if (session != null) {
			session.markClosing(CloseReason.EOF);
			this.hub.disconnected(session);
		}
	}

	/**
	 * Close connections in the middle of a line (or of a TLS handshake) for longer than
	 * the line timeout; run periodically. See {@link SwitchboardTcpConnection#isOverdue}.
	 */
	void closeOverdue(long timeoutNanos) {
		long now = System.nanoTime();
		this.connections.forEach((id, connection) -> {
			ClientSession session = this.sessions.get(id);
			if (session != null && !session.isClosing() && connection.isOverdue(now, timeoutNanos)) {
				if (connection.isHandshaken()) {
					this.hub.lineNotFinished(session);
				}
				else {
					session.abort(CloseReason.LINE_TIMEOUT); // no TLS to say it over
				}
			}
		});
	}

	private void leaveRoom(String connectionId) {
		ClientSession session = this.sessions.get(connectionId);
		if (session != null) {
			this.hub.leaveRoom(session);
		}
	}

	private boolean isOurs(TcpConnectionEvent event) {
		return this.factoryName.equals(event.getConnectionFactoryName());
	}

	private static void refuse(SwitchboardTcpConnection connection, StreamTransport transport, OutboundLine refusal) {
		try {
			// A fresh socket's send buffer takes a short line without blocking.
			connection.write(refusal.bytes());
		}
		catch (IOException ex) {
			logger.debug("Could not tell " + connection.remoteAddress() + " it was refused: " + ex);
		}
		transport.closeGracefully();
	}

}
