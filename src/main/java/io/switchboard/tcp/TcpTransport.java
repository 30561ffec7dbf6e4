package io.switchboard.tcp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.client.ClientTransport;
import io.switchboard.client.OutboundLine;

/**
 * Writes a TCP client's lines, coalesced into one socket write per batch, and closes it
 * with FIN: output is shut down first and the reader keeps draining the client's input,
 * so closing never resets the connection (an RST can destroy a last error line unread).
 */
final class TcpTransport implements ClientTransport {

	/** How long a half-closed client may take to close its side before we close ours. */
	static final long CLOSE_GRACE_MILLIS = 2000;

	private final SwitchboardTcpConnection connection;

	private final ScheduledExecutorService scheduler;

	private final Runnable released;

	/**
	 * @param released run once the client has been told goodbye and sent FIN: it leaves
	 * its room then, not when its peer gets round to closing
	 */
	TcpTransport(SwitchboardTcpConnection connection, ScheduledExecutorService scheduler, Runnable released) {
		this.connection = connection;
		this.scheduler = scheduler;
		this.released = released;
	}

	@Override
	public void write(List<OutboundLine> lines) throws IOException {
		if (lines.size() == 1) {
			this.connection.write(lines.getFirst().bytes());
			return;
		}
		int total = 0;
		for (OutboundLine line : lines) {
			total += line.length();
		}
		byte[] batch = new byte[total];
		int offset = 0;
		for (OutboundLine line : lines) {
			System.arraycopy(line.bytes(), 0, batch, offset, line.length());
			offset += line.length();
		}
		this.connection.write(batch);
	}

	@Override
	public void closeGracefully() {
		try {
			this.connection.shutdownOutput();
			this.scheduler.schedule(this.connection::close, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (IOException | RuntimeException ex) {
			this.connection.close();
		}
		this.released.run();
	}

	@Override
	public void abort() {
		this.connection.close();
	}

}
