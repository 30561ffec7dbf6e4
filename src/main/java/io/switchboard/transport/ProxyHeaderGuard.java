package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Refuses a PROXY header where none is expected: the first bytes of a connection are held
 * back while they could still start one ({@code PROXY TCP4 }, {@code PROXY TCP6 },
 * {@code PROXY UNKNOWN}, or the v2 signature). Once they cannot, they and everything
 * after pass through untouched; if they do start one, {@code refused} runs (the door
 * tells the client and closes it with FIN) and the rest of the input is read and dropped
 * until the connection ends. So a header from an untrusted peer never becomes a chat
 * line, nor an address anyone believes.
 */
final class ProxyHeaderGuard extends InputStream {

	private static final List<byte[]> HEADER_STARTS = List.of(ProxyHeader.V2_SIGNATURE, ascii("PROXY TCP4 "),
			ascii("PROXY TCP6 "), ascii("PROXY UNKNOWN"));

	private static final byte[] NOTHING = new byte[0];

	private final InputStream in;

	private final Runnable refused;

	/** Bytes read while undecided; once decided, what is still to be passed on. */
	private byte[] held = NOTHING;

	private int position;

	private State state = State.SNIFFING;

	ProxyHeaderGuard(InputStream in, Runnable refused) {
		this.in = in;
		this.refused = refused;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (this.state == State.SNIFFING) {
			sniff(target, offset, length);
		}
		if (this.state == State.DROPPING) {
			while (this.in.read(target, offset, length) >= 0) {
				// refused: its input is drained and ignored until the connection ends
			}
			return -1;
		}
		if (this.position < this.held.length) {
			int n = Math.min(length, this.held.length - this.position);
			System.arraycopy(this.held, this.position, target, offset, n);
			this.position += n;
			if (this.position == this.held.length) {
				this.held = NOTHING;
				this.position = 0;
			}
			return n;
		}
		return this.in.read(target, offset, length);
	}

	@Override
	public int available() throws IOException {
		return (this.state == State.PASSING) ? (this.held.length - this.position) + this.in.available() : 0;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	private void sniff(byte[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		if (n < 0) {
			this.state = State.PASSING; // what was held, then the end
			return;
		}
		byte[] seen = Arrays.copyOf(this.held, this.held.length + n);
		System.arraycopy(buffer, offset, seen, this.held.length, n);
		this.held = seen;
		switch (verdict(seen, seen.length)) {
			case REFUSE -> {
				this.state = State.DROPPING;
				this.held = NOTHING;
				this.refused.run();
			}
			case PASS -> this.state = State.PASSING;
			case UNDECIDED -> {
			}
		}
	}

	/**
	 * What a connection's first {@code length} bytes say: they start a PROXY header
	 * (refuse it), they cannot start one (pass them on), or not yet known.
	 */
	static Verdict verdict(byte[] seen, int length) {
		boolean couldStillBe = false;
		for (byte[] start : HEADER_STARTS) {
			int common = Math.min(start.length, length);
			if (Arrays.equals(seen, 0, common, start, 0, common)) {
				if (length >= start.length) {
					return Verdict.REFUSE;
				}
				couldStillBe = true;
			}
		}
		return couldStillBe ? Verdict.UNDECIDED : Verdict.PASS;
	}

	/** What the first bytes of a connection say about a PROXY header. */
	enum Verdict {

		REFUSE, PASS, UNDECIDED

	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private enum State {

		SNIFFING, PASSING, DROPPING

	}

}
