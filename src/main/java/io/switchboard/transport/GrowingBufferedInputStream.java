package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input stream whose buffer starts small and doubles, up to a limit, each time
 * a read fills it: an idle chat connection holds {@value #INITIAL_BYTES} bytes, a client
 * that sends in bulk gets larger reads. ({@link java.io.BufferedInputStream} holds its
 * full size per connection from the start, 4-8 KiB times tens of thousands of idle
 * clients.)
 */
final class GrowingBufferedInputStream extends InputStream {

	static final int INITIAL_BYTES = 512;

	static final int MAX_BYTES = 16 * 1024;

	private final InputStream in;

	private byte[] buffer = new byte[INITIAL_BYTES];

	private int position;

	private int count;

	GrowingBufferedInputStream(InputStream in) {
		this.in = in;
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
		int n = this.in.read(this.buffer, 0, this.buffer.length);
		if (n <= 0) {
			return false;
		}
		this.count = n;
		return true;
	}

}
