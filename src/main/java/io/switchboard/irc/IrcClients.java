package io.switchboard.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.switchboard.client.ClientSession;
import io.switchboard.client.CloseReason;
import io.switchboard.client.Protocol;
import io.switchboard.hub.ChatHub;
import io.switchboard.transport.Frame;
import io.switchboard.transport.StreamLifecycle;
import io.switchboard.transport.StreamTransport;
import io.switchboard.transport.SwitchboardTcpConnection;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.MessageHeaders;

/**
 * Binds the IRC listener's TCP connections to the shared stream lifecycle, as the chat
 * port's are: each is admitted (limits, in no room yet) when it opens, its lines go to
 * its {@link IrcConnection}, and every connection the server closes ends with IRC's
 * {@code ERROR} line before the FIN.
 */
final class IrcClients {

	static final Protocol PROTOCOL = Protocol.of("irc", Protocol.Kind.STREAM);

	private final String factoryName;

	private final ChatHub hub;

	private final IrcServer server;

	private final ScheduledExecutorService scheduler;

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	IrcClients(String factoryName, ChatHub hub, IrcServer server, ScheduledExecutorService scheduler) {
		this.factoryName = factoryName;
		this.hub = hub;
		this.server = server;
		this.scheduler = scheduler;
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (!isOurs(event) || !(event.getSource() instanceof SwitchboardTcpConnection connection)) {
			return;
		}
		IrcConnection irc = new IrcConnection(this.server);
		StreamLifecycle lifecycle = new StreamLifecycle(this.hub, PROTOCOL, new Farewell(connection, irc::farewell),
				this.scheduler);
		this.clients.put(connection.getConnectionId(), new Client(lifecycle, irc, connection, System.nanoTime()));
		ClientSession session = lifecycle.open(connection.remoteAddress(), connection.remoteIp(), new IrcDialect(irc));
		if (session != null) {
			irc.admitted(session);
		}
	}

	void received(Frame frame, MessageHeaders headers) {
		long receivedNanos = System.nanoTime();
		Client client = this.clients.get(headers.get(IpHeaders.CONNECTION_ID, String.class));
		if (client != null) {
			client.irc().frame(frame, receivedNanos);
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
			client.irc().ended();
			client.lifecycle().closed();
		}
	}

	/**
	 * Pings, ping timeouts, registration timeouts, lines trickled too slowly and TLS
	 * handshakes not finished in time (see {@link SwitchboardTcpConnection#isOverdue});
	 * run periodically.
	 */
	void check(long lineTimeoutNanos) {
		long now = System.nanoTime();
		this.clients.values().forEach((client) -> {
			ClientSession session = client.lifecycle().session();
			boolean handshaken = client.connection().isHandshaken();
			if (session != null && !session.isClosing() && client.connection().isOverdue(now, lineTimeoutNanos)) {
				if (handshaken) {
					session.close(CloseReason.LINE_TIMEOUT);
				}
				else {
					session.abort(CloseReason.LINE_TIMEOUT); // no TLS to say ERROR over
				}
			}
			if (handshaken) {
				// Until its handshake ends, only the line timeout applies: an ERROR line
				// written then would block in the handshake.
				client.irc().check(now, client.openedNanos(), this.server.properties());
			}
		});
	}

	private boolean isOurs(TcpConnectionEvent event) {
		return this.factoryName.equals(event.getConnectionFactoryName());
	}

	private record Client(StreamLifecycle lifecycle, IrcConnection irc, SwitchboardTcpConnection connection,
			long openedNanos) {
	}

	/**
	 * The socket, with IRC's {@code ERROR :Closing link: ...} written before the FIN
	 * whatever closes the connection (the client's QUIT, a ping timeout, flood control, a
	 * full server, shutdown), as IRC clients expect.
	 */
	private record Farewell(StreamTransport.Endpoint socket,
			Supplier<String> line) implements StreamTransport.Endpoint {

		@Override
		public void write(byte[] bytes) throws IOException {
			this.socket.write(bytes);
		}

		@Override
		public void shutdownOutput() throws IOException {
			try {
				this.socket.write((this.line.get() + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			finally {
				this.socket.shutdownOutput();
			}
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

}
