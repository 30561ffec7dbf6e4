package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A buffered input stream whose buffer starts small and doubles, up to a limit, each time
 * a read fills it: an idle chat connection holds {@value #INITIAL_BYTES} bytes, a client
 * that sends in bulk gets larger reads. ({@link java.io.BufferedInputStream} holds its
 * full size per connection from the start, 4-8 KiB times tens of thousands of idle
 * clients.) With a socket and a line timeout it is also the {@link LineClock}: while a
 * line is open, each read waits no longer than the time the line has left.
 */
final class GrowingBufferedInputStream extends InputStream implements LineClock {

	static final int INITIAL_BYTES = 512;

	static final int MAX_BYTES = 16 * 1024;

	private final InputStream in;

	private byte[] buffer = new byte[INITIAL_BYTES];

	private int position;

	private int count;

	private final @Nullable Socket socket;

	private final long lineTimeoutNanos;

	private final int idleTimeoutMillis;

	/**
	 * When the open line started; 0 when no line is open. Read by the line watchdog too.
	 */
	private volatile long lineStartedNanos;

	private boolean timeoutShortened;

	GrowingBufferedInputStream(InputStream in) {
		this(in, null, 0);
	}

	/**
	 * @param socket the socket read, whose SO_TIMEOUT (the idle timeout) is shortened
	 * while a line is open
	 * @param lineTimeoutMillis how long a started line may take; 0 = no limit
	 */
	GrowingBufferedInputStream(InputStream in, @Nullable Socket socket, long lineTimeoutMillis) {
		this.in = in;
		this.socket = (lineTimeoutMillis > 0) ? socket : null;
		this.lineTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(lineTimeoutMillis);
		int idle = 0;
		try {
			idle = (this.socket != null) ? this.socket.getSoTimeout() : 0;
		}
		catch (IOException ex) {
			// a closed socket: its first read fails anyway
		}
		this.idleTimeoutMillis = idle;
	}

	@Override
	public void lineStarted() {
		this.lineStartedNanos = System.nanoTime() | 1;
	}

	@Override
	public void lineEnded() {
		this.lineStartedNanos = 0;
		if (this.timeoutShortened && this.socket != null) {
			this.timeoutShortened = false;
			try {
				this.socket.setSoTimeout(this.idleTimeoutMillis);
			}
			catch (IOException ex) {
				// closed meanwhile: the next read says so
			}
		}
	}

	@Override
	public int read() throws IOException {
		if (this.position >= this.count && !fill()) {
			return -1;
		}
		return this.buffer[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.position >= this.count && !fill()) {
			return -1;
		}
		int n = Math.min(length, this.count - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, n);
		this.position += n;
		return n;
	}

	@Override
	public int available() throws IOException {
		return (this.count - this.position) + this.in.available();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	int capacity() {
		return this.buffer.length;
	}

	/**
	 * Read into the (empty) buffer, growing it first if the last read filled it.
	 */
	private boolean fill() throws IOException {
		if (this.count == this.buffer.length && this.buffer.length < MAX_BYTES) {
			this.buffer = new byte[this.buffer.length * 2];
		}
		this.position = 0;
		this.count = 0;
		boolean lineOpen = this.socket != null && this.lineStartedNanos != 0;
		if (lineOpen) {
			shortenTimeout();
		}
		int n;
		try {
			n = this.in.read(this.buffer, 0, this.buffer.length);
		}
		catch (SocketTimeoutException ex) {
			if (lineOpen && lineTimeLeftMillis() <= 0) {
				throw new LineTimeoutException();
			}
			throw ex;
		}
		if (n <= 0) {
			return false;
		}
		this.count = n;
		return true;
	}

	/**
	 * When the open line started ({@link System#nanoTime()}), 0 when none is open.
	 */
	long lineStartedNanos() {
		return this.lineStartedNanos;
	}

	private void shortenTimeout() throws IOException {
		long left = lineTimeLeftMillis();
		if (left <= 0 && this.in.available() > 0) {
			// The rest is already here: the server, not the client, was late to read it.
			return;
		}
		if (left <= 0) {
			throw new LineTimeoutException();
		}
		int wait = (int) Math.min(Integer.MAX_VALUE, left);
		if (this.idleTimeoutMillis > 0) {
			wait = Math.min(wait, this.idleTimeoutMillis);
		}
		this.socket.setSoTimeout(wait);
		this.timeoutShortened = true;
	}

	private long lineTimeLeftMillis() {
		return TimeUnit.NANOSECONDS.toMillis(this.lineTimeoutNanos - (System.nanoTime() - this.lineStartedNanos));
	}

}
