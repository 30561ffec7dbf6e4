package io.switchboard.websocket;

import io.switchboard.client.ClientSession;
import io.switchboard.client.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection and, once admitted, its chat session. It is known before it is
 * admitted, so that a close during the greeting's write finds it.
 */
final class WebSocketClient {

	private final boolean json;

	private @Nullable ClientSession session;

	private boolean closed;

	WebSocketClient(boolean json) {
		this.json = json;
	}

	/**
	 * Whether it speaks the json dialect (else text).
	 */
	boolean json() {
		return this.json;
	}

	synchronized @Nullable ClientSession session() {
		return this.session;
	}

	/**
	 * @return false if the connection closed already
	 */
	synchronized boolean admitted(ClientSession admitted) {
		this.session = admitted;
		return !this.closed;
	}

	/**
	 * @return the session to forget, if it was admitted
	 */
	synchronized @Nullable ClientSession closed() {
		this.closed = true;
		return this.session;
	}

	@Nullable CloseReason closeReason() {
		ClientSession current = session();
		return (current != null) ? current.closeReason() : null;
	}

}
