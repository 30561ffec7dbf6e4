package io.switchboard.websocket;

import io.switchboard.core.ClientSession;
import org.apache.tomcat.websocket.Constants;
import org.jspecify.annotations.Nullable;

/**
 * Flood control for the frames of a WebSocket client that carry no chat line: pings,
 * pongs, fragments, empty frames, frames that are not a json request. A client sent them
 * at any rate before (7,000 invalid frames a second, 63 MB/s against a 16 KB/s byte rate,
 * never cut); now each counts against the same allowance as a line
 * ({@code switchboard.client.rate}, {@code burst}, {@code byte-rate},
 * {@code byte-burst}), with the same answers: {@code slow down}, then
 * {@code flooding, disconnected}.
 */
final class FrameAdmission {

	/**
	 * A frame the client finished sending, as {@link FrameGuard} sees it. Each counts
	 * once: the last frame of a text message is counted with the message (a line by the
	 * hub, anything else by the door); pings, pongs and the other frames of a fragmented
	 * message are counted here (a fragment as a message of no bytes: its bytes count with
	 * the whole message, or it is too long).
	 * @param session the client's session, or null if it was refused or is gone
	 * @return false if it was refused (a refused ping is not answered)
	 */
	boolean frame(@Nullable ClientSession session, byte opCode, boolean fin, int bytes) {
		if (session == null) {
			return false;
		}
		return switch (opCode) {
			case Constants.OPCODE_PING, Constants.OPCODE_PONG -> admit(session, bytes);
			// A binary message is a line only where a subprotocol carries them (IRC's
			// binary.ircv3.net); elsewhere it is refused as it starts.
			case Constants.OPCODE_TEXT, Constants.OPCODE_BINARY, Constants.OPCODE_CONTINUATION ->
				fin || admit(session, 0);
			default -> true; // a close ends it
		};
	}

	/**
	 * Whether a frame that carries no line for the hub is within the client's flood
	 * allowance; as for a line, a client over it is told to slow down, and one that keeps
	 * flooding is disconnected.
	 */
	boolean admit(ClientSession session, int bytes) {
		return !session.isClosing() && session.admit(bytes);
	}

}
