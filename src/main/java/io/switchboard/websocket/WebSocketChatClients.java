package io.switchboard.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
 * adapter's flow to {@link #received}, binary ones are refused, and a session that ends
 * is forgotten. The container calls it on its own threads, one part of a session at a
 * time.
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

	/**
	 * @param writeTimeout {@code switchboard.client.write-timeout}: the watchdog aborts a
	 * send blocked this long; the container's own limit on a blocking send is set beyond
	 * it, so the watchdog judges (as {@code slow-consumer}) rather than the container
	 * @param messageTimeout {@code switchboard.websocket.message-timeout}: how long a
	 * started frame or fragmented message may take to end (0 = no limit)
	 */
	WebSocketChatClients(ChatHub hub, Charset charset, int maxMessageBytes, JsonDialect json, Duration writeTimeout,
			Duration idleTimeout, Duration messageTimeout, @Nullable Authenticator authenticator,
			SwitchboardMetrics metrics) {
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
		setSupportedProtocols(TextFrameDialect.SUBPROTOCOL, JsonDialect.SUBPROTOCOL);
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
		if (message instanceof BinaryMessage) {
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
		ClientSession session = (client != null) ? client.closed() : null;
		if (session != null) {
			// A message too long was marked so before its close (the container never
			// closes with 1009 itself: it hands long messages over in parts).
			session.markClosing(isIdleTimeout(status) ? CloseReason.IDLE
					: (status.getCode() == CloseStatus.NO_CLOSE_FRAME.getCode()
							|| status.getCode() == CloseStatus.SERVER_ERROR.getCode()) ? CloseReason.ERROR
									: CloseReason.EOF);
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
