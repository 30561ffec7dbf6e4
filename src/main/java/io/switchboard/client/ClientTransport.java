package io.switchboard.client;

import java.io.IOException;
import java.util.List;

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
	 * End the connection after everything written so far has been sent (TCP: FIN, never
	 * RST).
	 */
	void closeGracefully();

	/**
	 * End the connection now, discarding what is unsent (used for stuck writes).
	 */
	void abort();

}
