package io.switchboard.core;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How bytes reach one client and how its connection ends; implemented per protocol.
 */
public interface ClientTransport {

	/**
	 * Write lines in order; blocks until written. Only the outbox's drainer calls this,
	 * so implementations need no locking of their own.
	 * @param lines the lines, in delivery order
	 * @throws IOException if the write failed; the client is then aborted
	 */
	void write(List<OutboundLine> lines) throws IOException;

	/**
	 * Write one line (a room's line written as its loop reaches the member): as
	 * {@link #write(List)} of it alone, which a transport may do without the list (at
	 * 95,000 deliveries a second, a list and its iterator per write were half of what a
	 * big room's fan-out allocated).
	 */
	default void write(OutboundLine line) throws IOException {
		write(List.of(line));
	}

	/**
	 * End the connection after everything written so far has been sent (TCP: FIN, never
	 * RST).
	 */
	void closeGracefully();

	/**
	 * End the connection now, discarding what is unsent (used for stuck writes).
	 */
	void abort();

	/**
	 * Where the client's outbox drains. Null (the default): on a virtual thread per
	 * drain, for transports whose {@link #write} blocks until the kernel took the bytes.
	 * An event-loop transport names its connection's loop's inbox: everything for the
	 * outbox is then applied on that loop and drains run there, writes are queued without
	 * blocking, and {@link #writable} holds the outbox back instead.
	 */
	default @Nullable LoopInbox drainLoop() {
		return null;
	}

	/**
	 * Whether a write now would be taken without piling up (called on the drain executor
	 * before each batch). If not, the outbox keeps its lines, counts as blocked for the
	 * write timeout, and {@code resume} runs once it would be.
	 */
	default boolean writable(Runnable resume) {
		return true;
	}

}
