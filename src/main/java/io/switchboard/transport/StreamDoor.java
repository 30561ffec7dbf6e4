package io.switchboard.transport;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Frame;
import org.jspecify.annotations.Nullable;

/**
 * What a front door does with its {@link StreamListener}'s connections. Each connection's
 * calls (and its frames, which reach the door through the listener's Spring Integration
 * flow) come one at a time and in order, off the event loop, on a thread that exists only
 * while the connection has something to hand over: a door may block in them (a token
 * check, a cluster round trip) without holding up other connections. Frames the door says
 * it takes at once ({@link #takesAtOnce}) come on the event loop instead, still one at a
 * time and in order.
 */
public interface StreamDoor {

	/**
	 * Whether the door takes this frame without waiting on anything (no network round
	 * trip, no sleep, no lock held for long): then, when nothing of the connection's is
	 * queued before it, the listener hands it over on its event loop and spares the
	 * hand-over to a thread, which costs more than a chat line's fan-out (called on the
	 * event loop, so it must be quick; by default no frame).
	 */
	default boolean takesAtOnce(StreamConnection connection, Frame frame) {
		return false;
	}

	/**
	 * The client admitted on this connection, if any: its frames' messages carry it in
	 * the {@link ChatHub#SESSION} header, so a flow can route them to the hub. By default
	 * none (a door that reads its frames itself, as IRC does).
	 */
	default @Nullable ClientSession session(StreamConnection connection) {
		return null;
	}

	/**
	 * A client connected (after its PROXY header, if its peer is a trusted proxy).
	 */
	void opened(StreamConnection connection);

	/**
	 * Its input ended ({@code eof}), it was silent longer than the idle timeout
	 * ({@code idle}), or it failed ({@code error}); the socket is being closed.
	 */
	void ended(StreamConnection connection, CloseReason reason, @Nullable Throwable cause);

	/**
	 * The socket is closed: the last call for this connection.
	 */
	void closed(StreamConnection connection);

	/**
	 * A trusted proxy's connection sent no valid header in time: the connection is never
	 * opened. By default it is closed.
	 */
	default void proxyHeaderFailed(StreamConnection connection, ProxyHeaderException failure) {
		connection.close();
	}

	/**
	 * The listener's once-a-second sweep reached this connection (on the sweep's thread,
	 * not in order with the connection's other calls): the door's timers (a line or a
	 * handshake taking too long, pings) check it here. By default nothing.
	 */
	default void swept(StreamConnection connection, long now) {
	}

	/**
	 * A client whose peer is not a trusted proxy started with a PROXY header: by default
	 * it is closed. Its input is dropped from here on.
	 */
	default void proxyHeaderRefused(StreamConnection connection) {
		connection.close();
	}

}
