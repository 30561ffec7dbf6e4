package io.switchboard.websocket;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import io.switchboard.core.ClientTransport;
import io.switchboard.core.CloseReason;
import io.switchboard.core.OutboundLine;
import jakarta.websocket.RemoteEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes a WebSocket client's lines, each as its own text frame (never several in one: a
 * frame is a message to the client), and ends the connection with a close frame whose
 * code says why. Only the client's outbox drainer writes, so sends on one session never
 * overlap; a write blocks until the container has sent the frame, and closing the session
 * (an abort) fails a write that is stuck.
 */
final class WebSocketTransport implements ClientTransport {

	private static final Log logger = LogFactory.getLog(WebSocketTransport.class);

	/**
	 * How long a client that broke a rule has to answer the close frame (the container
	 * checks once a second: {@link GuardedUpgradeHandler}).
	 */
	static final long RULE_BROKEN_LINGER_MILLIS = 1000;

	private final WebSocketSession socket;

	private final Supplier<@Nullable CloseReason> reason;

	private final RemoteEndpoint.@Nullable Basic remote;

	private final jakarta.websocket.@Nullable Session container;

	/**
	 * @param container the container's session, if there is one: its sends are batched
	 * @param reason why the client's session is ending, once it is
	 */
	WebSocketTransport(WebSocketSession socket, jakarta.websocket.@Nullable Session container,
			Supplier<@Nullable CloseReason> reason) {
		this.socket = socket;
		this.container = container;
		this.remote = (container != null) ? container.getBasicRemote() : null;
		this.reason = reason;
	}

	/**
	 * Each line its own frame, but the frames of one drain go out in as few socket writes
	 * as the container's buffer allows, as TCP writes a drain's lines at once: the
	 * container batches them until batching is turned off again, which flushes. One
	 * blocking send per frame cost a system call per line and 2.5x the CPU of TCP.
	 */
	@Override
	public void write(List<OutboundLine> lines) throws IOException {
		RemoteEndpoint.Basic batch = (lines.size() > 1) ? this.remote : null;
		if (batch != null) {
			batch.setBatchingAllowed(true);
		}
		try {
			for (OutboundLine line : lines) {
				this.socket.sendMessage(new TextMessage(line.bytes()));
			}
		}
		finally {
			if (batch != null) {
				batch.setBatchingAllowed(false);
			}
		}
	}

	@Override
	public void closeGracefully() {
		close(closeStatus(this.reason.get()));
	}

	@Override
	public void abort() {
		// Without ceremony: the container gives up on a close frame it cannot send at
		// once and closes the socket, which fails the write that is stuck.
		close(closeStatus(this.reason.get()));
	}

	/**
	 * Send a close frame, then wait for the client's. A client that broke a rule (too
	 * long, flooding, too slow, not chat, refused) gets
	 * {@value #RULE_BROKEN_LINGER_MILLIS} ms for it instead of the session's 30 s: the
	 * container reads (and drops) what such a client still sends, the rest of a 64 MiB
	 * frame, only that long. Not at once: a socket closed with the client's bytes unread
	 * is reset, and a reset can destroy the error line and the close frame in the
	 * client's buffer before it reads them.
	 */
	void close(CloseStatus status) {
		try {
			if (this.container instanceof WsSession tomcat && status.getCode() != CloseStatus.NORMAL.getCode()
					&& status.getCode() != CloseStatus.GOING_AWAY.getCode()) {
				tomcat.getUserProperties().put(Constants.SESSION_CLOSE_TIMEOUT_PROPERTY, RULE_BROKEN_LINGER_MILLIS);
			}
			this.socket.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not close WebSocket " + this.socket.getId() + ": " + ex);
		}
	}

	/**
	 * The close code for why a client leaves: 1001 when the server shuts down, 1009 for a
	 * message too long, 1003 for a frame that is not chat (binary), 1008 when it was too
	 * slow or flooded, did not finish a message in time, or its token was refused,
	 * missing or expired (the page reconnects after those, and asks for a token), else
	 * 1000.
	 */
	static CloseStatus closeStatus(@Nullable CloseReason reason) {
		if (reason == null) {
			return CloseStatus.NORMAL;
		}
		return switch (reason) {
			case SHUTDOWN -> CloseStatus.GOING_AWAY;
			case TOO_LONG -> CloseStatus.TOO_BIG_TO_PROCESS;
			case NOT_CHAT -> CloseStatus.NOT_ACCEPTABLE;
			case SLOW_CONSUMER, FLOOD, LINE_TIMEOUT, AUTH, AUTH_TIMEOUT, AUTH_EXPIRED -> CloseStatus.POLICY_VIOLATION;
			default -> CloseStatus.NORMAL;
		};
	}

}
