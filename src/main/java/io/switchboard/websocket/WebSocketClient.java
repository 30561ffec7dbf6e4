package io.switchboard.websocket;

import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection and, once admitted, its chat session. It is known before it is
 * admitted, so that a close during the greeting's write finds it.
 */
final class WebSocketClient {

	private final boolean json;

	private final @Nullable FrameGuard guard;

	private @Nullable ClientSession session;

	private boolean closed;

	/** The parts of a text message so far, while one arrives in parts; else null. */
	private @Nullable StringBuilder parts;

	/** Whether the rest of the current message is dropped, as it is too long. */
	private boolean dropping;

	/**
	 * @param guard what sees its frames inside the container, if it runs on Tomcat
	 */
	WebSocketClient(boolean json, @Nullable FrameGuard guard) {
		this.json = json;
		this.guard = guard;
	}

	/**
	 * How long the frame or fragmented message that is arriving has been arriving.
	 * @return nanoseconds, or 0 if none is (or nothing sees its frames)
	 */
	long unfinishedNanos(long now) {
		return (this.guard != null) ? this.guard.unfinishedNanos(now) : 0;
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

	/**
	 * One part of a text message, as the container hands it over: a long message comes in
	 * parts, and only then is anything kept. Called on the container's thread, one part
	 * of this connection at a time.
	 * @param tooLong called once when the message grows past {@code maxChars}; its parts
	 * are dropped from then on, never kept
	 * @return the whole message once its last part is in (the part itself when it is the
	 * whole message), else null
	 */
	@Nullable String assemble(String part, boolean last, int maxChars, Runnable tooLong) {
		if (this.dropping) {
			this.dropping = !last;
			return null;
		}
		StringBuilder sofar = this.parts;
		if ((sofar != null ? sofar.length() : 0) + part.length() > maxChars) {
			this.parts = null;
			this.dropping = !last;
			tooLong.run();
			return null;
		}
		if (last) {
			this.parts = null;
			return (sofar != null) ? sofar.append(part).toString() : part;
		}
		if (sofar == null) {
			sofar = new StringBuilder();
			this.parts = sofar;
		}
		sofar.append(part);
		return null;
	}

	@Nullable CloseReason closeReason() {
		ClientSession current = session();
		return (current != null) ? current.closeReason() : null;
	}

}
