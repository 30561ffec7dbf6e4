package io.switchboard.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Event;
import io.switchboard.core.Frame;
import io.switchboard.core.LoopInbox;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.Protocol;
import io.switchboard.transport.ProxyHeaderException;
import io.switchboard.transport.StreamConnection;
import io.switchboard.transport.StreamDoor;
import io.switchboard.transport.StreamLifecycle;
import io.switchboard.transport.StreamListener;
import io.switchboard.transport.StreamTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageHeaders;

/**
 * Binds the IRC listener's TCP connections to the shared stream lifecycle, as the chat
 * port's are: each is admitted (limits, in no room yet) when it opens, its lines go to
 * its {@link IrcConnection}, and every connection the server closes ends with IRC's
 * {@code ERROR} line before the FIN.
 */
final class IrcClients implements StreamDoor {

	static final Protocol PROTOCOL = Protocol.of("irc", Protocol.Kind.STREAM);

	private static final Log logger = LogFactory.getLog(IrcClients.class);

	private static final Event.Failure PROXY_REFUSED = Event
		.failure("PROXY header refused: your address is not a trusted proxy");

	private static final Set<String> AT_ONCE = Set.of("PRIVMSG", "NOTICE", "PING", "PONG");

	private final ChatHub hub;

	private final IrcServer server;

	private final ScheduledExecutorService scheduler;

	private final long lineTimeoutNanos;

	IrcClients(ChatHub hub, IrcServer server, ScheduledExecutorService scheduler) {
		this.hub = hub;
		this.server = server;
		this.scheduler = scheduler;
		this.lineTimeoutNanos = server.properties().lineTimeout().toNanos();
	}

	@Override
	public void opened(StreamConnection connection) {
		IrcConnection irc = new IrcConnection(this.server);
		StreamLifecycle lifecycle = new StreamLifecycle(this.hub, PROTOCOL, new Farewell(connection, irc::farewell),
				this.scheduler);
		// Known before it is admitted: a close during the greeting's write finds it.
		connection.attach(new Client(lifecycle, irc, System.nanoTime()));
		ClientSession session = lifecycle.open(connection.remoteAddress(), connection.remoteIp(), new IrcDialect(irc));
		if (session != null) {
			irc.admitted(session);
		}
	}

	/**
	 * A registered client's PRIVMSG, NOTICE, PING or PONG, on a node alone: sent or
	 * answered without waiting on anything (registration may wait: a nick's reclaim).
	 */
	@Override
	public boolean takesAtOnce(StreamConnection connection, Frame frame) {
		return this.hub.sendsAtOnce() && connection.attachment() instanceof Client client && client.irc().isRegistered()
				&& AT_ONCE.contains(IrcMessage.command(frame.bytes()));
	}

	/**
	 * A trusted proxy's connection without a valid header in time: never admitted, logged
	 * at WARN (the proxy is misconfigured), told why unless it is TLS (plain text would
	 * garble a handshake), as the chat port does.
	 */
	@Override
	public void proxyHeaderFailed(StreamConnection connection, ProxyHeaderException failure) {
		logger.warn("Refused an IRC connection from trusted proxy " + connection.remoteAddress() + " ("
				+ failure.reason().tag() + "): " + failure.getMessage());
		StreamLifecycle lifecycle = new StreamLifecycle(this.hub, PROTOCOL, connection, this.scheduler);
		lifecycle.refuse(connection.isTls() ? null : IrcLines
			.reply("ERROR :Closing link: " + this.server.directory().server() + " (" + failure.getMessage() + ")"));
	}

	/**
	 * A client that is no trusted proxy started with a PROXY header: it lies about its
	 * address, and is told so and closed; nothing it sent is read.
	 */
	@Override
	public void proxyHeaderRefused(StreamConnection connection) {
		if (connection.attachment() instanceof Client client) {
			ClientSession session = client.lifecycle().session();
			if (session != null) {
				client.irc().killed(PROXY_REFUSED.text());
				session.close(CloseReason.PROXY_REFUSED, PROXY_REFUSED);
			}
		}
	}

	void received(Frame frame, MessageHeaders headers) {
		long receivedNanos = System.nanoTime();
		if (StreamListener.connection(headers).attachment() instanceof Client client) {
			client.irc().frame(frame, receivedNanos);
		}
	}

	@Override
	public void ended(StreamConnection connection, CloseReason reason, @Nullable Throwable cause) {
		if (connection.attachment() instanceof Client client) {
			client.lifecycle().ended(reason, cause);
		}
	}

	@Override
	public void closed(StreamConnection connection) {
		if (connection.attachment() instanceof Client client) {
			client.irc().ended();
			client.lifecycle().closed();
		}
	}

	/**
	 * Pings, ping timeouts, registration timeouts, lines trickled too slowly and TLS
	 * handshakes not finished in time (see {@link StreamConnection#isOverdue}).
	 */
	@Override
	public void swept(StreamConnection connection, long now) {
		if (!(connection.attachment() instanceof Client client)) {
			return;
		}
		ClientSession session = client.lifecycle().session();
		boolean handshaken = connection.isHandshaken();
		if (session != null && !session.isClosing() && connection.isOverdue(now, this.lineTimeoutNanos)) {
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
	}

	private record Client(StreamLifecycle lifecycle, IrcConnection irc, long openedNanos) {
	}

	/**
	 * The socket, with IRC's {@code ERROR :Closing link: ...} written before the FIN
	 * whatever closes the connection (the client's QUIT, a ping timeout, flood control, a
	 * full server, shutdown), as IRC clients expect; over WebSocket too
	 * ({@link IrcWebSocketClients}).
	 */
	record Farewell(StreamTransport.Endpoint socket, Supplier<String> line) implements StreamTransport.Endpoint {

		@Override
		public void write(byte[] bytes) throws IOException {
			this.socket.write(bytes);
		}

		@Override
		public void write(List<OutboundLine> lines) throws IOException {
			this.socket.write(lines);
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

		@Override
		public @Nullable LoopInbox drainLoop() {
			return this.socket.drainLoop();
		}

		@Override
		public boolean writable(Runnable resume) {
			return this.socket.writable(resume);
		}

	}

}
