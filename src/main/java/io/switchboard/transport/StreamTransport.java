package io.switchboard.transport;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.core.ClientTransport;
import io.switchboard.core.LoopInbox;
import io.switchboard.core.OutboundLine;
import org.jspecify.annotations.Nullable;

/**
 * Writes a stream client's lines (TCP or Unix stream), coalesced into one write per
 * batch, and closes it with FIN: output is shut down first while the reader keeps
 * draining the client's input, so closing never resets the connection (an RST can destroy
 * a last error line unread).
 */
public final class StreamTransport implements ClientTransport {

	/** How long a half-closed client may take to close its side before we close ours. */
	public static final long CLOSE_GRACE_MILLIS = 2000;

	private final Endpoint endpoint;

	private final ScheduledExecutorService scheduler;

	private final Runnable released;

	/**
	 * @param released run once the client has been told goodbye and sent FIN: it leaves
	 * its room then, not when its peer gets round to closing
	 */
	public StreamTransport(Endpoint endpoint, ScheduledExecutorService scheduler, Runnable released) {
		this.endpoint = endpoint;
		this.scheduler = scheduler;
		this.released = released;
	}

	@Override
	public void write(List<OutboundLine> lines) throws IOException {
		this.endpoint.write(lines);
	}

	@Override
	public void write(OutboundLine line) throws IOException {
		this.endpoint.write(line);
	}

	@Override
	public @Nullable LoopInbox drainLoop() {
		return this.endpoint.drainLoop();
	}

	@Override
	public boolean writable(Runnable resume) {
		return this.endpoint.writable(resume);
	}

	@Override
	public void closeGracefully() {
		try {
			this.endpoint.shutdownOutput();
			this.scheduler.schedule(this.endpoint::close, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (IOException | RuntimeException ex) {
			this.endpoint.close();
		}
		this.released.run();
	}

	@Override
	public void abort() {
		this.endpoint.close();
	}

	/**
	 * The socket under a stream transport.
	 */
	public interface Endpoint {

		/**
		 * Write all bytes, blocking until the kernel took them.
		 */
		void write(byte[] bytes) throws IOException;

		/**
		 * Write several lines as one write.
		 */
		default void write(List<OutboundLine> lines) throws IOException {
			write((lines.size() == 1) ? lines.getFirst().bytes() : OutboundLine.concatenated(lines).bytes());
		}

		/**
		 * Write one line.
		 */
		default void write(OutboundLine line) throws IOException {
			write(line.bytes());
		}

		/**
		 * Send FIN; reading goes on.
		 */
		void shutdownOutput() throws IOException;

		/**
		 * Close the socket; idempotent.
		 */
		void close();

		/**
		 * See {@link ClientTransport#drainLoop()}: null for a blocking socket.
		 */
		default @Nullable LoopInbox drainLoop() {
			return null;
		}

		/**
		 * See {@link ClientTransport#writable(Runnable)}.
		 */
		default boolean writable(Runnable resume) {
			return true;
		}

	}

}
