package io.switchboard.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.switchboard.core.Admission;
import io.switchboard.core.Arrival;
import io.switchboard.core.Authenticator;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Dialect;
import io.switchboard.core.Event;
import io.switchboard.core.Frame;
import io.switchboard.core.Identity;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.Protocol;
import io.switchboard.core.SwitchboardMetrics;
import io.switchboard.transport.WebSocketSubprotocol;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.websocket.support.PassThruSubProtocolHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Binds WebSocket sessions to the hub, as the inbound adapter's subprotocol handler: a
 * session that opens is admitted (or refused) in the dialect its subprotocol names, text
 * messages (put together from the parts the container hands over) go on through the
 * adapter's flow to {@link #route}, binary ones are refused, and a session that ends is
 * forgotten. A session that agreed on a subprotocol another door carries
 * ({@link WebSocketSubprotocol}: IRC) is that door's client instead: its messages, put
 * together the same way, go to it as lines. The container calls it on its own threads,
 * one part of a session at a time.
 */
final class WebSocketChatClients extends PassThruSubProtocolHandler {

	static final Protocol PROTOCOL = Protocol.guestNamed("websocket", Protocol.Kind.MESSAGES);

	private static final Log logger = LogFactory.getLog(WebSocketChatClients.class);

	/** Tomcat's limit on a blocking send (20 s by default), per session. */
	private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	/**
	 * Room for a frame somewhat over {@code max-message-bytes} (a trailing CR LF, the
	 * json dialect's wrapping), so that the hub judges its line as on TCP; a frame longer
	 * than this is refused without being kept whole.
	 */
	private static final int FRAME_SLACK = 1024;

	private static final Event BINARY = Event.failure("binary frames are not accepted");

	private static final Event NOT_JSON = Event
		.failure("expected {\"line\": \"...\"} (optional \"room\": \"NAME\"; \"since\": \"ID\" only with a /join)");

	private final ChatHub hub;

	private final Charset charset;

	private final int maxMessageBytes;

	private final int maxFrameChars;

	private final TextFrameDialect text;

	private final JsonDialect json;

	private final Map<String, WebSocketClient> clients = new ConcurrentHashMap<>();

	private final long sendTimeoutMillis;

	private final long idleTimeoutMillis;

	private final @Nullable Authenticator authenticator;

	private final FrameAdmission frames;

	private final long messageTimeoutNanos;

	/** The subprotocols other doors carry over this one, by name. */
	private final Map<String, WebSocketSubprotocol> carried;

	/**
	 * @param writeTimeout {@code switchboard.client.write-timeout}: the watchdog aborts a
	 * send blocked this long; the container's own limit on a blocking send is set beyond
	 * it, so the watchdog judges (as {@code slow-consumer}) rather than the container
	 * @param messageTimeout {@code switchboard.websocket.message-timeout}: how long a
	 * started frame or fragmented message may take to end (0 = no limit)
	 * @param carried the subprotocols of other doors, offered besides the door's own
	 */
	WebSocketChatClients(ChatHub hub, Charset charset, int maxMessageBytes, JsonDialect json, Duration writeTimeout,
			Duration idleTimeout, Duration messageTimeout, @Nullable Authenticator authenticator,
			SwitchboardMetrics metrics, List<WebSocketSubprotocol> carried) {
		this.hub = hub;
		this.frames = new FrameAdmission();
		this.messageTimeoutNanos = messageTimeout.toNanos();
		this.authenticator = authenticator;
		this.idleTimeoutMillis = idleTimeout.toMillis();
		this.sendTimeoutMillis = writeTimeout.toMillis() + TimeUnit.SECONDS.toMillis(5);
		this.charset = charset;
		this.maxMessageBytes = maxMessageBytes;
		this.maxFrameChars = maxMessageBytes + FRAME_SLACK;
		this.text = new TextFrameDialect(hub.lineDialect(), charset);
		this.json = json;
		this.carried = carried.stream()
			.collect(Collectors.toUnmodifiableMap(WebSocketSubprotocol::name, Function.identity(), (one, other) -> {
				throw new IllegalStateException("Two WebSocket subprotocols are named " + one.name());
			}));
		List<String> names = new ArrayList<>(List.of(TextFrameDialect.SUBPROTOCOL, JsonDialect.SUBPROTOCOL));
		for (String name : this.carried.keySet()) {
			if (names.contains(name)) {
				throw new IllegalStateException("The WebSocket subprotocol " + name + " is the door's own");
			}
			names.add(name);
		}
		// The handshake picks the first of the client's, in its order, that is here (the
		// IRCv3 spec asks for the client's preference); with none the session speaks
		// the line protocol, as with no subprotocol at all.
		setSupportedProtocols(names.toArray(String[]::new));
	}

	@Override
	public void afterSessionStarted(WebSocketSession socket, MessageChannel outputChannel) {
		boolean jsonDialect = JsonDialect.SUBPROTOCOL.equals(socket.getAcceptedProtocol());
		Dialect dialect = jsonDialect ? this.json : this.text;
		Session container = nativeSession(socket);
		FrameGuard guard = (container != null
				&& container.getUserProperties().get(FrameGuard.KEY) instanceof FrameGuard installed) ? installed
						: null;
		WebSocketClient client = new WebSocketClient(jsonDialect, guard);
		if (container != null) {
			if (guard != null) {
				guard.bind((opCode, fin, bytes) -> this.frames.frame(client.session(), opCode, fin, bytes), container);
			}
			container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, this.sendTimeoutMillis);
			// The container closes a session silent this long (1001, "timeout"); any
			// frame, an empty one too, counts as activity.
			container.setMaxIdleTimeout(this.idleTimeoutMillis);
		}
		WebSocketTransport transport = new WebSocketTransport(socket, container, client::closeReason);
		InetSocketAddress remote = socket.getRemoteAddress();
		String ip = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
		String address = (remote != null) ? ip + ":" + remote.getPort() : socket.getId();
		String accepted = socket.getAcceptedProtocol();
		WebSocketSubprotocol subprotocol = (accepted != null) ? this.carried.get(accepted) : null;
		if (subprotocol != null) {
			openCarried(socket, container, client, subprotocol, address, ip);
			return;
		}
		// Known before it is admitted: a close during the greeting's write finds it.
		this.clients.put(socket.getId(), client);
		Handshake handshake = Handshake.of(socket);
		Identity identity = null;
		if (handshake.token() != null && this.authenticator != null) {
			try {
				identity = this.authenticator.authenticate(handshake.token());
			}
			catch (Authenticator.InvalidTokenException ex) {
				this.clients.remove(socket.getId());
				refuse(transport, socket, dialect.render(Event.failure("invalid token: " + ex.getMessage())),
						CloseStatus.POLICY_VIOLATION);
				return;
			}
		}
		Admission admission = this.hub.connect(PROTOCOL, address, ip, transport, dialect, null,
				new Arrival(handshake.room(), handshake.since(), identity));
		ClientSession session = admission.session();
		if (session == null) {
			refuse(transport, socket, admission.refusal(),
					this.hub.isAccepting() ? CloseStatus.SERVICE_OVERLOAD : CloseStatus.GOING_AWAY);
			return;
		}
		if (!client.admitted(session)) {
			// Closed while the greeting was written: the close found nothing to forget.
			session.markClosing(CloseReason.ERROR);
			this.hub.disconnected(session);
			return;
		}
		if (jsonDialect) {
			// A client awaiting its token, or whose token refused its room, keeps that
			// room
			// as its current one but is in none.
			List<String> rooms = session.membership()
				.all()
				.stream()
				.filter((room) -> this.hub.mayJoin(session, room))
				.toList();
			session.deliver(this.json.hello(session.from(), rooms, this.maxMessageBytes, this.maxFrameChars));
		}
	}

	/**
	 * A client that agreed on another door's subprotocol: that door's connection, which
	 * admits it in its own way (it signs in, if at all, as that protocol does: the
	 * handshake's token and room are not read). The connection is known before it opens,
	 * so that a close meanwhile finds it.
	 */
	private void openCarried(WebSocketSession socket, jakarta.websocket.@Nullable Session container,
			WebSocketClient client, WebSocketSubprotocol subprotocol, String address, @Nullable String ip) {
		SubprotocolEndpoint endpoint = new SubprotocolEndpoint(socket, container, subprotocol.binary(), () -> {
			ClientSession session = client.session();
			return (session != null) ? WebSocketTransport.closeStatus(session.closeReason())
					: this.hub.isAccepting() ? CloseStatus.SERVICE_OVERLOAD : CloseStatus.GOING_AWAY;
		});
		client.carry(subprotocol, subprotocol.connection(endpoint, address, ip));
		this.clients.put(socket.getId(), client);
		WebSocketSubprotocol.Connection connection = client.carried();
		if (connection != null) {
			connection.open();
		}
	}

	/**
	 * A part of a message, as the container hands it over: text parts are put together (a
	 * message longer than the limit plus {@link #FRAME_SLACK} characters is refused with
	 * {@code ERR message too long} and never kept whole), a binary one is refused.
	 */
	@Override
	public void handleMessageFromClient(WebSocketSession socket, WebSocketMessage<?> message,
			MessageChannel outputChannel) {
		WebSocketClient client = this.clients.get(socket.getId());
		ClientSession session = (client != null) ? client.session() : null;
		if (client == null || session == null) {
			return; // refused or gone
		}
		WebSocketSubprotocol subprotocol = client.subprotocol();
		WebSocketSubprotocol.Connection connection = client.carried();
		if (subprotocol != null && connection != null) {
			carriedMessage(client, subprotocol, connection, session, message);
		}
		else if (message instanceof BinaryMessage) {
			session.close(CloseReason.NOT_CHAT, BINARY);
		}
		else if (message instanceof TextMessage part) {
			String whole = client.assemble(part.getPayload(), part.isLast(), this.maxFrameChars,
					() -> this.hub.tooLong(session));
			if (whole != null) {
				// A message in one part (the usual case) goes on as it came.
				super.handleMessageFromClient(socket, (whole == part.getPayload()) ? part : new TextMessage(whole),
						outputChannel);
			}
		}
	}

	/**
	 * A part of a carried client's message: put together as the door's own are, up to the
	 * subprotocol's longest line (a longer one goes on as too long, and the rest of it is
	 * dropped unkept), then handed over as one line, without a trailing LF or CR LF
	 * (which the IRCv3 spec forbids, and which cost nothing to forgive). A binary message
	 * on a text subprotocol is refused as on the door's own (close 1003); text on a
	 * binary one is taken as its UTF-8 bytes. An empty message carries no line, and is
	 * counted against flood control as the door's own empty frames are.
	 */
	private void carriedMessage(WebSocketClient client, WebSocketSubprotocol subprotocol,
			WebSocketSubprotocol.Connection connection, ClientSession session, WebSocketMessage<?> message) {
		long receivedNanos = System.nanoTime();
		int max = subprotocol.maxLineBytes();
		Runnable tooLong = () -> connection.received(Frame.TOO_LONG, receivedNanos);
		byte[] line;
		if (message instanceof TextMessage part) {
			// Characters are never more than their UTF-8 bytes: at most max of them kept.
			String whole = client.assemble(part.getPayload(), part.isLast(), max + 2, tooLong);
			line = (whole != null) ? TextFrameDialect.lineOf(whole).getBytes(StandardCharsets.UTF_8) : null;
		}
		else if (message instanceof BinaryMessage part && subprotocol.binary()) {
			byte[] whole = client.assemble(part.getPayload(), part.isLast(), max + 2, tooLong);
			line = (whole != null) ? withoutLineEnd(whole) : null;
		}
		else if (message instanceof BinaryMessage) {
			session.close(CloseReason.NOT_CHAT, BINARY);
			return;
		}
		else {
			return;
		}
		if (line == null) {
			return;
		}
		if (line.length == 0) {
			this.frames.admit(session, 0);
			return;
		}
		connection.received((line.length > max) ? Frame.TOO_LONG : Frame.of(line), receivedNanos);
	}

	private static byte[] withoutLineEnd(byte[] message) {
		int length = message.length;
		if (length > 0 && message[length - 1] == '\n') {
			length--;
			if (length > 0 && message[length - 1] == '\r') {
				length--;
			}
		}
		return (length == message.length) ? message : Arrays.copyOf(message, length);
	}

	/**
	 * A text frame, through the inbound flow: one line (text) or one {@code {"line"}}
	 * object (json) becomes a frame for the hub, with the client's session in its
	 * {@link ChatHub#SESSION} header and the room it names, if any, in
	 * {@link ChatHub#ROOM}.
	 * @return the frame, or null if there is nothing for the hub
	 */
	@Nullable Message<Frame> route(String frame, MessageHeaders headers) {
		long receivedNanos = System.nanoTime();
		WebSocketClient client = this.clients.get(SimpMessageHeaderAccessor.getSessionId(headers));
		ClientSession session = (client != null) ? client.session() : null;
		if (session == null) {
			return null; // refused or gone
		}
		JsonDialect.Request request = client.json() ? this.json.requestOf(frame)
				: new JsonDialect.Request(TextFrameDialect.lineOf(frame), null);
		if (request == null) {
			// Counted against its rate like any message, so bad frames cannot flood
			// the server with errors (and a flooder is cut).
			if (this.frames.admit(session, frame.getBytes(StandardCharsets.UTF_8).length)) {
				session.send(NOT_JSON);
			}
			return null;
		}
		byte[] bytes = request.line().getBytes(this.charset);
		if (bytes.length == 0 && !this.frames.admit(session, 0)) {
			return null; // the hub takes an empty line for a heartbeat, and counts none
		}
		MessageBuilder<Frame> message = MessageBuilder
			.withPayload((bytes.length > this.maxMessageBytes) ? Frame.TOO_LONG : Frame.of(bytes))
			.setHeader(ChatHub.SESSION, session)
			.setHeader(ChatHub.RECEIVED_NANOS, receivedNanos);
		if (request.room() != null) {
			message.setHeader(ChatHub.ROOM, request.room());
		}
		return message.build();
	}

	/**
	 * Cut clients that started a frame or a fragmented message and did not end it within
	 * {@code switchboard.websocket.message-timeout} (a positive one), as TCP cuts a line
	 * (a frame announcing gigabytes, then silence; a last fragment that never comes).
	 */
	void sweep() {
		long now = System.nanoTime();
		for (WebSocketClient client : this.clients.values()) {
			ClientSession session = client.session();
			if (session != null && !session.isClosing() && client.unfinishedNanos(now) > this.messageTimeoutNanos) {
				this.hub.lineNotFinished(session);
			}
		}
	}

	@Override
	public void afterSessionEnded(WebSocketSession socket, CloseStatus status, MessageChannel outputChannel) {
		ended(socket, status);
	}

	/**
	 * The session ended: forget its client (once).
	 */
	void ended(WebSocketSession socket, CloseStatus status) {
		WebSocketClient client = this.clients.remove(socket.getId());
		if (client == null) {
			return;
		}
		ClientSession session = client.closed();
		// A message too long was marked so before its close (the container never closes
		// with 1009 itself: it hands long messages over in parts).
		CloseReason reason = isIdleTimeout(status) ? CloseReason.IDLE
				: (status.getCode() == CloseStatus.NO_CLOSE_FRAME.getCode()
						|| status.getCode() == CloseStatus.SERVER_ERROR.getCode()) ? CloseReason.ERROR
								: CloseReason.EOF;
		WebSocketSubprotocol.Connection connection = client.carried();
		if (connection != null) {
			connection.ended(reason, null);
			connection.closed();
		}
		else if (session != null) {
			session.markClosing(reason);
			this.hub.disconnected(session);
		}
	}

	/**
	 * Tomcat closes an idle session (1001 to the client, 1006 here) with the reason "The
	 * WebSocket session [id] idle timeout expired"; nothing else says "idle timeout".
	 */
	private static boolean isIdleTimeout(CloseStatus status) {
		String reason = status.getReason();
		return reason != null && reason.toLowerCase(Locale.ROOT).contains("idle timeout");
	}

	private static jakarta.websocket.@Nullable Session nativeSession(WebSocketSession socket) {
		WebSocketSession last = WebSocketSessionDecorator.unwrap(socket);
		return (last instanceof NativeWebSocketSession adapter) ? adapter.getNativeSession(Session.class) : null;
	}

	@Nullable ClientSession session(String socketId) {
		WebSocketClient client = this.clients.get(socketId);
		return (client != null) ? client.session() : null;
	}

	private void refuse(WebSocketTransport transport, WebSocketSession socket, @Nullable OutboundLine refusal,
			CloseStatus status) {
		if (refusal != null) {
			try {
				// A fresh connection takes a short frame without blocking.
				socket.sendMessage(new TextMessage(refusal.bytes()));
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not tell WebSocket " + socket.getId() + " it was refused: " + ex);
			}
		}
		transport.close(status);
	}

}
