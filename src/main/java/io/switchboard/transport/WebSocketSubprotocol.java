package io.switchboard.transport;

import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Frame;
import org.jspecify.annotations.Nullable;

/**
 * A protocol of another door that the WebSocket door carries, one line a message, for the
 * clients that ask for it by its subprotocol name (IRCv3's {@code text.ircv3.net}: IRC
 * for web IRC clients). The door that owns the protocol publishes it as a bean; the
 * WebSocket door negotiates its name, brings the connection as a
 * {@link StreamTransport.Endpoint} (every line it is given written as one message,
 * without its line end) and hands it each message as a line. So neither door imports the
 * other, and the carried clients are that door's clients, with its commands and replies,
 * and the hub's admission, flood control and outbox like any other.
 */
public interface WebSocketSubprotocol {

	/**
	 * The name a client asks for in {@code Sec-WebSocket-Protocol}.
	 */
	String name();

	/**
	 * Whether its messages are binary (raw bytes) rather than text (UTF-8).
	 */
	boolean binary();

	/**
	 * The longest line it reads, in bytes, without a line end: a longer message comes as
	 * {@link Frame#TOO_LONG}, and is never kept whole.
	 */
	int maxLineBytes();

	/**
	 * A client connected and agreed on this subprotocol: its connection, not admitted yet
	 * (see {@link Connection#open}).
	 * @param endpoint writes each line it is given (ended by LF or CR LF) as one message,
	 * and closes the WebSocket
	 * @param remoteAddress the client as {@code ip:port}
	 * @param ip its IP address, if known
	 */
	Connection connection(StreamTransport.Endpoint endpoint, String remoteAddress, @Nullable String ip);

	/**
	 * One carried client. The carrying door calls it one message at a time, in order.
	 */
	interface Connection {

		/**
		 * Admit the client, or refuse it: then it has been told why and its endpoint
		 * closed.
		 * @return whether it was admitted
		 */
		boolean open();

		/**
		 * Its session once admitted (for flood control of the frames that carry no line,
		 * and the door's timers), else null.
		 */
		@Nullable ClientSession session();

		/**
		 * One message as a line: its bytes without a line end, or {@link Frame#TOO_LONG}.
		 */
		void received(Frame line, long receivedNanos);

		/**
		 * The connection ended for this reason ({@code eof}, {@code idle},
		 * {@code error}), if no other reason was recorded first.
		 */
		void ended(CloseReason reason, @Nullable Throwable cause);

		/**
		 * The connection is closed: the last call.
		 */
		void closed();

	}

}
