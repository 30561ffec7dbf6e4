package io.switchboard.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A PROXY protocol header (HAProxy's, v1 text or v2 binary) as read off a trusted peer's
 * connection, and the parsing. Exactly the header's bytes are taken, so what follows
 * (chat lines, or a TLS handshake) is left for the connection.
 *
 * @param version 1 or 2
 * @param source the client's address; null for a header that names none ({@code UNKNOWN},
 * v2 {@code LOCAL}, an unspecified or Unix family): the connection's own address stands
 */
public record ProxyHeader(int version, @Nullable InetSocketAddress source) {

	/** The v2 signature, the first 12 bytes of a binary header. */
	static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

	/** The longest v1 header, CRLF included (the protocol's own limit). */
	static final int V1_MAX_BYTES = 107;

	/**
	 * The most address and TLV bytes a v2 header may announce after its 16 fixed bytes.
	 */
	static final int V2_MAX_LENGTH = 2048;

	private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Parse a header from the bytes a connection has sent so far (an event loop's
	 * reading: nothing waits).
	 * @return the header and how many bytes it took, or null while the bytes end inside
	 * it
	 * @throws ProxyHeaderException if they are not (the start of) one {@code mode} takes
	 */
	static @Nullable Parsed parse(byte[] bytes, int length, ProxyProtocol.Mode mode) throws ProxyHeaderException {
		ByteArrayInputStream in = new ByteArrayInputStream(bytes, 0, length);
		try {
			ProxyHeader header = new Reader(in).header(mode);
			return new Parsed(header, length - in.available());
		}
		catch (Incomplete ex) {
			return null;
		}
		catch (ProxyHeaderException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw ProxyHeaderException.invalid(ex.getMessage()); // not from a byte array
		}
	}

	/**
	 * A header and its length in bytes.
	 */
	record Parsed(ProxyHeader header, int length) {
	}

	/** The bytes so far end inside the header: more are needed. */
	private static final class Incomplete extends RuntimeException {

		Incomplete() {
			super(null, null, false, false);
		}

	}

	private static final class Reader {

		private final InputStream in;

		Reader(InputStream in) {
			this.in = in;
		}

		ProxyHeader header(ProxyProtocol.Mode mode) throws IOException {
			int first = next();
			int version = (first == V1_PREFIX[0]) ? 1 : (first == V2_SIGNATURE[0]) ? 2 : 0;
			if (version == 0) {
				throw ProxyHeaderException.invalid("the connection does not start with one");
			}
			if (!mode.takes(version)) {
				throw ProxyHeaderException
					.invalid("v" + version + ", but only " + mode.name().toLowerCase(Locale.ROOT) + " is taken");
			}
			return (version == 1) ? v1() : v2();
		}

		/**
		 * {@code PROXY TCP4|TCP6 src dst sport dport\r\n} or
		 * {@code PROXY UNKNOWN...\r\n}.
		 */
		private ProxyHeader v1() throws IOException {
			byte[] line = new byte[V1_MAX_BYTES];
			line[0] = V1_PREFIX[0];
			int length = 1;
			int next;
			do {
				if (length == V1_MAX_BYTES) {
					throw ProxyHeaderException.invalid("v1 longer than " + V1_MAX_BYTES + " bytes");
				}
				next = next();
				if (length < V1_PREFIX.length && next != V1_PREFIX[length]) {
					throw ProxyHeaderException.invalid("the connection does not start with one");
				}
				line[length++] = (byte) next;
			}
			while (next != '\n');
			if (line[length - 2] != '\r') {
				throw ProxyHeaderException.invalid("v1 line does not end with CRLF");
			}
			String[] fields = new String(line, 0, length - 2, StandardCharsets.US_ASCII).split(" ", -1);
			if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
				return new ProxyHeader(1, null);
			}
			boolean v6 = fields.length == 6 && fields[1].equals("TCP6");
			if (fields.length != 6 || !(v6 || fields[1].equals("TCP4"))) {
				throw ProxyHeaderException.invalid("v1 is not 'PROXY TCP4|TCP6 src dst sport dport'");
			}
			InetAddress source = ProxyProtocol.literal(fields[2], v6);
			if (source == null || ProxyProtocol.literal(fields[3], v6) == null) {
				throw ProxyHeaderException.invalid("v1 addresses are not " + fields[1] + " addresses");
			}
			int port = port(fields[4]);
			port(fields[5]);
			return new ProxyHeader(1, new InetSocketAddress(source, port));
		}

		/**
		 * 12 bytes of signature, version and command, family and transport, a length,
		 * then the addresses and any TLVs (skipped) within that length.
		 */
		private ProxyHeader v2() throws IOException {
			byte[] fixed = new byte[16];
			fixed[0] = V2_SIGNATURE[0];
			for (int i = 1; i < V2_SIGNATURE.length; i++) {
				fixed[i] = (byte) next();
				if (fixed[i] != V2_SIGNATURE[i]) {
					throw ProxyHeaderException.invalid("the connection does not start with one");
				}
			}
			readFully(fixed, 12, 4);
			int versionCommand = fixed[12] & 0xff;
			int command = versionCommand & 0x0f;
			if ((versionCommand >> 4) != 2 || command > 1) {
				throw ProxyHeaderException
					.invalid("v2 with version/command byte 0x" + Integer.toHexString(versionCommand));
			}
			int length = ((fixed[14] & 0xff) << 8) | (fixed[15] & 0xff);
			if (length > V2_MAX_LENGTH) {
				throw ProxyHeaderException.invalid("v2 announces " + length + " bytes, more than " + V2_MAX_LENGTH);
			}
			byte[] body = new byte[length];
			readFully(body, 0, length);
			int family = fixed[13] & 0xff;
			if (command == 0 || family == 0x00 || (family >> 4) == 3) {
				// LOCAL (the proxy's own health check), UNSPEC or a Unix socket: no
				// client
				// address.
				return new ProxyHeader(2, null);
			}
			int addressBytes = switch (family) {
				case 0x11 -> 4; // TCP over IPv4
				case 0x21 -> 16; // TCP over IPv6
				default -> throw ProxyHeaderException
					.invalid("v2 family/transport 0x" + Integer.toHexString(family) + " is not TCP");
			};
			if (length < 2 * addressBytes + 4) {
				throw ProxyHeaderException.invalid("v2 length " + length + " is too short for its addresses");
			}
			byte[] source = new byte[addressBytes];
			System.arraycopy(body, 0, source, 0, addressBytes);
			int port = ((body[2 * addressBytes] & 0xff) << 8) | (body[2 * addressBytes + 1] & 0xff);
			try {
				return new ProxyHeader(2, new InetSocketAddress(InetAddress.getByAddress(source), port));
			}
			catch (UnknownHostException ex) {
				throw ProxyHeaderException.invalid(ex.getMessage()); // not for 4 or 16
																		// bytes
			}
		}

		private static int port(String text) throws ProxyHeaderException {
			if (!text.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(text) > 65535) {
				throw ProxyHeaderException.invalid("v1 port '" + text + "' is not 0-65535");
			}
			return Integer.parseInt(text);
		}

		private int next() throws IOException {
			int next = this.in.read();
			if (next < 0) {
				throw new Incomplete();
			}
			return next;
		}

		private void readFully(byte[] target, int offset, int length) throws IOException {
			int done = 0;
			while (done < length) {
				int n = this.in.read(target, offset + done, length - done);
				if (n < 0) {
					throw new Incomplete();
				}
				done += n;
			}
		}

	}

}
