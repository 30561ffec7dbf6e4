package io.switchboard.websocket;

import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Decorates the container's handler so that every end of a session reaches the clients
 * table: on a transport error (a client that vanished) Spring Integration's container
 * forgets the session without telling its listener, and rethrows the error to be logged
 * as an ERROR with its stack trace. Here it is logged at debug and the client is
 * forgotten. It also takes messages in parts, so that the container keeps no buffer of a
 * whole message for every session ({@link WebSocketChatClients} puts them together).
 */
final class SessionEndings extends WebSocketHandlerDecorator {

	private static final Log logger = LogFactory.getLog(SessionEndings.class);

	private final WebSocketChatClients clients;

	SessionEndings(WebSocketHandler container, WebSocketChatClients clients) {
		super(container);
		this.clients = clients;
	}

	/**
	 * A message longer than the container's small buffer arrives in parts instead of
	 * being refused by the container.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	public void handleTransportError(WebSocketSession socket, Throwable error) {
		ClientSession session = this.clients.session(socket.getId());
		if (session != null && session.markClosing(CloseReason.ERROR)) {
			logger.debug("WebSocket " + session + " failed: " + error);
		}
		this.clients.ended(socket, CloseStatus.SERVER_ERROR);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) throws Exception {
		try {
			super.afterConnectionClosed(socket, status);
		}
		finally {
			this.clients.ended(socket, status);
		}
	}

}
