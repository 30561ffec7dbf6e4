package io.switchboard.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * PROXY protocol headers as HAProxy writes them (doc/proxy-protocol.txt), and sockets to
 * send them on.
 */
final class ProxyHeaders {

	static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

	/** A PP2_TYPE_AUTHORITY TLV (the SNI) and a PP2_TYPE_NOOP padding TLV. */
	static final byte[] TLVS = concat(tlv(0x02, "chat.example.com".getBytes(StandardCharsets.US_ASCII)),
			tlv(0x04, new byte[5]));

	private ProxyHeaders() {
	}

	static byte[] v1(String source, int sourcePort) {
		String family = source.contains(":") ? "TCP6" : "TCP4";
		String destination = source.contains(":") ? "::1" : "127.0.0.1";
		return ascii("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " 9999\r\n");
	}

	/**
	 * A v2 PROXY command over TCP, with {@code tlvs} after the addresses.
	 */
	static byte[] v2(String source, int sourcePort, byte[] tlvs) {
		byte[] address = address(source);
		boolean v6 = address.length == 16;
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(address);
		body.writeBytes(address(v6 ? "::1" : "127.0.0.1"));
		body.write(sourcePort >> 8);
		body.write(sourcePort & 0xff);
		body.write(9999 >> 8);
		body.write(9999 & 0xff);
		body.writeBytes(tlvs);
		return v2(0x21, v6 ? 0x21 : 0x11, body.toByteArray());
	}

	/**
	 * A v2 header with any version/command and family bytes and body.
	 */
	static byte[] v2(int versionCommand, int family, byte[] body) {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		header.writeBytes(V2_SIGNATURE);
		header.write(versionCommand);
		header.write(family);
		header.write(body.length >> 8);
		header.write(body.length & 0xff);
		header.writeBytes(body);
		return header.toByteArray();
	}

	static byte[] tlv(int type, byte[] value) {
		return concat(new byte[] { (byte) type, (byte) (value.length >> 8), (byte) value.length }, value);
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/**
	 * A socket from {@code localAddress} (any 127.x.y.z is this host's loopback) to the
	 * chat port.
	 */
	static Socket connect(String localAddress, int port) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(10_000);
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void write(Socket socket, byte[] bytes) {
		try {
			socket.getOutputStream().write(bytes);
			socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] address(String literal) {
		try {
			return InetAddress.getByName(literal).getAddress();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
