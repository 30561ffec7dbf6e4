package io.switchboard.irc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Frame;
import io.switchboard.core.Protocol;
import io.switchboard.transport.StreamLifecycle;
import io.switchboard.transport.StreamTransport;
import io.switchboard.transport.WebSocketSubprotocol;
import org.jspecify.annotations.Nullable;

/**
 * IRC over WebSocket (IRCv3's {@code text.ircv3.net} and {@code binary.ircv3.net}), for
 * web IRC clients such as gamja and Kiwi IRC: the WebSocket door carries the connection,
 * one IRC line a message, and each is an {@link IrcConnection} as on the IRC port, with
 * the same registration, commands, {@code ISUPPORT}, flood control, outbox and
 * {@code ERROR} line at the end. Only what the IRC port's listener times is timed here:
 * pings and registration (the WebSocket door times a message that does not end).
 */
final class IrcWebSocketClients {

	/**
	 * Its own protocol, not the IRC port's: its clients are counted and metered apart,
	 * and a WebSocket message cannot be another protocol knocking on the IRC port.
	 */
	static final Protocol PROTOCOL = Protocol.of("irc-websocket", Protocol.Kind.MESSAGES);

	/** The subprotocol whose messages are UTF-8 text. */
	static final String TEXT = "text.ircv3.net";

	/** The subprotocol whose messages are bytes. */
	static final String BINARY = "binary.ircv3.net";

	/**
	 * The longest line: the tags a client may send and the rest. The WebSocket spec takes
	 * the CR LF off IRC's 512 bytes, as {@link IrcMessage#MAX_BODY_BYTES} does already.
	 */
	static final int MAX_LINE_BYTES = IrcMessage.MAX_TAG_BYTES + IrcMessage.MAX_BODY_BYTES;

	private final ChatHub hub;

	private final IrcServer server;

	private final ScheduledExecutorService scheduler;

	/** The open connections, for their timers. */
	private final Set<Carried> connections = ConcurrentHashMap.newKeySet();

	IrcWebSocketClients(ChatHub hub, IrcServer server, ScheduledExecutorService scheduler) {
		this.hub = hub;
		this.server = server;
		this.scheduler = scheduler;
	}

	/**
	 * The subprotocol by that name, as the WebSocket door discovers it.
	 */
	WebSocketSubprotocol subprotocol(String name, boolean binary) {
		return new Subprotocol(name, binary);
	}

	/**
	 * Called periodically: pings, ping timeouts and registration timeouts, as the IRC
	 * port's sweep does.
	 */
	void sweep() {
		long now = System.nanoTime();
		for (Carried connection : this.connections) {
			connection.irc.check(now, connection.openedNanos, this.server.properties());
		}
	}

	private final class Subprotocol implements WebSocketSubprotocol {

		private final String name;

		private final boolean binary;

		Subprotocol(String name, boolean binary) {
			this.name = name;
			this.binary = binary;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public boolean binary() {
			return this.binary;
		}

		@Override
		public int maxLineBytes() {
			return MAX_LINE_BYTES;
		}

		@Override
		public Connection connection(StreamTransport.Endpoint endpoint, String remoteAddress, @Nullable String ip) {
			return new Carried(endpoint, remoteAddress, ip);
		}

	}

	/**
	 * One web IRC client: its IRC connection and its life with the hub, which is a stream
	 * connection's (admitted or refused with its reason, told goodbye before the close).
	 */
	private final class Carried implements WebSocketSubprotocol.Connection {

		private final IrcConnection irc = new IrcConnection(IrcWebSocketClients.this.server);

		private final StreamLifecycle lifecycle;

		private final String remoteAddress;

		private final @Nullable String ip;

		private final long openedNanos = System.nanoTime();

		private volatile boolean closed;

		Carried(StreamTransport.Endpoint endpoint, String remoteAddress, @Nullable String ip) {
			this.remoteAddress = remoteAddress;
			this.ip = ip;
			this.lifecycle = new StreamLifecycle(IrcWebSocketClients.this.hub, PROTOCOL,
					new IrcClients.Farewell(endpoint, this.irc::farewell), IrcWebSocketClients.this.scheduler);
		}

		@Override
		public boolean open() {
			IrcWebSocketClients.this.connections.add(this);
			if (this.closed) {
				// Closed before it opened: the lifecycle forgets it once admitted.
				IrcWebSocketClients.this.connections.remove(this);
			}
			ClientSession session = this.lifecycle.open(this.remoteAddress, this.ip, new IrcDialect(this.irc));
			if (session == null) {
				IrcWebSocketClients.this.connections.remove(this);
				return false;
			}
			this.irc.admitted(session);
			return true;
		}

		@Override
		public @Nullable ClientSession session() {
			return this.lifecycle.session();
		}

		@Override
		public void received(Frame line, long receivedNanos) {
			ClientSession session = session();
			if (!line.tooLong() && session != null && contains(line.bytes(), (byte) '\n')) {
				// One line a message: an LF inside would be a second line in what others
				// are sent (on the IRC port it could only end the line). Counted like
				// any line, so such messages cannot flood.
				if (!session.isClosing() && IrcWebSocketClients.this.hub.admit(session, line.bytes())) {
					this.irc.notice("a message with more than one line in it was ignored");
				}
				return;
			}
			this.irc.frame(line, receivedNanos);
		}

		@Override
		public void ended(CloseReason reason, @Nullable Throwable cause) {
			this.lifecycle.ended(reason, cause);
		}

		@Override
		public void closed() {
			this.closed = true;
			IrcWebSocketClients.this.connections.remove(this);
			this.irc.ended();
			this.lifecycle.closed();
		}

		private static boolean contains(byte[] bytes, byte wanted) {
			for (byte b : bytes) {
				if (b == wanted) {
					return true;
				}
			}
			return false;
		}

	}

}
