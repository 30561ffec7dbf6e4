package io.switchboard;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A test-only WebSocket client on a plain socket, for what a well-behaved library will
 * not send: pings without reading the pongs, frames announcing more than they carry,
 * messages never finished, malformed handshakes. Frames are masked with a zero key
 * (legal, and the payload goes out as it is).
 */
public final class RawWebSocket implements AutoCloseable {

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CONTINUATION = 0x0;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	public static final int PONG = 0xA;

	private final Socket socket;

	private final OutputStream out;

	private final DataInputStream in;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.in = new DataInputStream(socket.getInputStream());
	}

	/**
	 * Connect to {@code /ws} and complete the handshake (a 101); read nothing after it.
	 * @param receiveBufferBytes the socket's receive buffer (small: a client that does
	 * not read fills it soon), or 0 for the system's
	 */
	public static RawWebSocket connected(int httpPort, int receiveBufferBytes) {
		try {
			Socket socket = new Socket();
			if (receiveBufferBytes > 0) {
				socket.setReceiveBufferSize(receiveBufferBytes);
			}
			socket.connect(new InetSocketAddress("127.0.0.1", httpPort), 10_000);
			socket.setSoTimeout(LineClient.READ_TIMEOUT_MILLIS);
			RawWebSocket client = new RawWebSocket(socket);
			String status = client.handshake(Map.of());
			if (!status.startsWith("HTTP/1.1 101")) {
				socket.close();
				throw new AssertionError("Handshake refused: " + status);
			}
			return client;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The status line and headers the server answers a handshake with these extra
	 * headers.
	 */
	public static String handshakeResponse(int httpPort, Map<String, String> headers) {
		try (Socket socket = new Socket("127.0.0.1", httpPort)) {
			socket.setSoTimeout(LineClient.READ_TIMEOUT_MILLIS);
			return new RawWebSocket(socket).handshake(headers);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String handshake(Map<String, String> headers) throws IOException {
		StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + this.socket.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(new byte[16]) + "\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		this.out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = this.in.read();
			if (b < 0) {
				break;
			}
			response.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return response.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * One whole frame.
	 */
	public RawWebSocket send(boolean fin, int opCode, byte[] payload) {
		header(fin, opCode, payload.length);
		return sendPayload(payload);
	}

	public RawWebSocket sendText(String text) {
		return send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A frame's header only: it announces {@code length} bytes (up to 2^63 - 1), which
	 * {@link #sendPayload} may then send in pieces, or never.
	 */
	public RawWebSocket header(boolean fin, int opCode, long length) {
		return sendPayload(headerBytes(fin, opCode, length));
	}

	/**
	 * A whole frame as it goes on the wire, to send many at once with
	 * {@link #sendPayload}.
	 */
	public static byte[] frame(boolean fin, int opCode, byte[] payload) {
		byte[] header = headerBytes(fin, opCode, payload.length);
		byte[] frame = Arrays.copyOf(header, header.length + payload.length);
		System.arraycopy(payload, 0, frame, header.length, payload.length);
		return frame;
	}

	private static byte[] headerBytes(boolean fin, int opCode, long length) {
		ByteArrayOutputStream header = new ByteArrayOutputStream(14);
		header.write((fin ? 0x80 : 0) | opCode);
		if (length < 126) {
			header.write(0x80 | (int) length);
		}
		else if (length <= 0xFFFF) {
			header.write(0x80 | 126);
			header.write((int) (length >>> 8));
			header.write((int) length);
		}
		else {
			header.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				header.write((int) (length >>> shift));
			}
		}
		header.writeBytes(new byte[4]); // the zero mask
		return header.toByteArray();
	}

	/**
	 * Bytes of a frame's payload (or anything at all).
	 */
	public RawWebSocket sendPayload(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The next frame from the server: its opcode and payload (a close frame's payload
	 * starts with its code).
	 * @throws EOFException if the server closed the connection
	 * @throws SocketTimeoutException if nothing came within the read timeout
	 */
	public Frame next() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new Frame(first & 0x0F, payload);
	}

	/**
	 * Read frames until the server closes the connection.
	 * @return the code of the close frame it sent, or -1 if it sent none
	 * @throws SocketTimeoutException if the connection stayed open for the read timeout
	 */
	public int closeCodeThenEnd() throws IOException {
		int code = -1;
		try {
			while (true) {
				Frame frame = next();
				if (frame.opCode() == CLOSE && frame.payload().length >= 2) {
					code = ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
				}
			}
		}
		catch (EOFException | SocketException ex) {
			return code;
		}
	}

	public Socket socket() {
		return this.socket;
	}

	public InputStream input() {
		return this.in;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A frame from the server.
	 */
	public record Frame(int opCode, byte[] payload) {

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
