package io.switchboard.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.transport.WebSocketSubprotocol;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection and, once admitted, its chat session, or the connection of the
 * {@link WebSocketSubprotocol} it agreed on (IRC), which has the session. It is known
 * before it is admitted, so that a close during the greeting's write finds it.
 */
final class WebSocketClient {

	private final boolean json;

	private final @Nullable FrameGuard guard;

	private @Nullable ClientSession session;

	private boolean closed;

	/** The parts of a text message so far, while one arrives in parts; else null. */
	private @Nullable StringBuilder parts;

	/** The parts of a binary message so far, while one arrives in parts; else null. */
	private @Nullable ByteArrayOutputStream binaryParts;

	private @Nullable WebSocketSubprotocol subprotocol;

	private WebSocketSubprotocol.@Nullable Connection carried;

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
		WebSocketSubprotocol.Connection connection = this.carried;
		return (connection != null) ? connection.session() : this.session;
	}

	/**
	 * It speaks a subprotocol another door carries: its lines go to that connection.
	 */
	synchronized void carry(WebSocketSubprotocol subprotocol, WebSocketSubprotocol.Connection connection) {
		this.subprotocol = subprotocol;
		this.carried = connection;
	}

	synchronized WebSocketSubprotocol.@Nullable Connection carried() {
		return this.carried;
	}

	synchronized @Nullable WebSocketSubprotocol subprotocol() {
		return this.subprotocol;
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

	/**
	 * One part of a binary message, as {@link #assemble(String, boolean, int, Runnable)}
	 * puts text together, counted in bytes.
	 * @return the whole message once its last part is in, else null
	 */
	byte @Nullable [] assemble(ByteBuffer part, boolean last, int maxBytes, Runnable tooLong) {
		if (this.dropping) {
			this.dropping = !last;
			return null;
		}
		ByteArrayOutputStream sofar = this.binaryParts;
		if ((sofar != null ? sofar.size() : 0) + part.remaining() > maxBytes) {
			this.binaryParts = null;
			this.dropping = !last;
			tooLong.run();
			return null;
		}
		byte[] bytes = new byte[part.remaining()];
		part.get(bytes);
		if (last && sofar == null) {
			return bytes;
		}
		if (sofar == null) {
			sofar = new ByteArrayOutputStream();
			this.binaryParts = sofar;
		}
		sofar.writeBytes(bytes);
		if (!last) {
			return null;
		}
		this.binaryParts = null;
		return sofar.toByteArray();
	}

	@Nullable CloseReason closeReason() {
		ClientSession current = session();
		return (current != null) ? current.closeReason() : null;
	}

}
