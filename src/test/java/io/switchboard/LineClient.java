package io.switchboard;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A test-only TCP chat client over a real loopback socket: send lines, read lines with a
 * timeout, see EOF.
 */
public final class LineClient implements AutoCloseable {

	public static final int READ_TIMEOUT_MILLIS = 10_000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final Charset charset;

	public LineClient(int port) {
		this(port, StandardCharsets.UTF_8, 0);
	}

	public LineClient(int port, Charset charset, int receiveBufferBytes) {
		try {
			this.socket = new Socket();
			if (receiveBufferBytes > 0) {
				this.socket.setReceiveBufferSize(receiveBufferBytes);
			}
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
			this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			this.in = new BufferedInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
			this.charset = charset;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A client over a socket connected already (e.g. from another loopback address, or
	 * after a PROXY header was written on it).
	 */
	public LineClient(Socket connected) {
		try {
			this.socket = connected;
			this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			this.in = new BufferedInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
			this.charset = StandardCharsets.UTF_8;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A client from another loopback address ({@code 127.0.0.2} and up are other hosts on
	 * Linux), greeting unread.
	 */
	public static LineClient from(String localAddress, int port) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
			return new LineClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Connect and read the greeting.
	 */
	public static LineClient connected(int port) {
		LineClient client = new LineClient(port);
		client.readLine();
		return client;
	}

	public LineClient send(String line) {
		return sendRaw((line + "\n").getBytes(this.charset));
	}

	public LineClient sendRaw(byte[] bytes) {
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
	 * Send a command and return its one-line reply, skipping chat lines that arrive
	 * meanwhile.
	 */
	public String command(String command) {
		send(command);
		return readUntil((line) -> line.startsWith("* ") || line.startsWith("ERR "));
	}

	/**
	 * The next line without its LF; fails on timeout or EOF.
	 */
	public String readLine() {
		String line = readLineOrNull();
		if (line == null) {
			throw new AssertionError("EOF while waiting for a line");
		}
		return line;
	}

	/**
	 * The next line, or null at EOF.
	 */
	public @Nullable String readLineOrNull() {
		try {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int next;
			while ((next = this.in.read()) != '\n') {
				if (next < 0) {
					return (line.size() == 0) ? null : line.toString(this.charset);
				}
				line.write(next);
			}
			return line.toString(this.charset);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No line within " + READ_TIMEOUT_MILLIS + " ms", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String readUntil(Predicate<String> wanted) {
		while (true) {
			String line = readLine();
			if (wanted.test(line)) {
				return line;
			}
		}
	}

	/**
	 * Read everything up to EOF, failing if the connection was reset instead of closed.
	 */
	public List<String> readToEnd() {
		List<String> lines = new ArrayList<>();
		String line;
		while ((line = readLineOrNull()) != null) {
			lines.add(line);
		}
		return lines;
	}

	public Socket socket() {
		return this.socket;
	}

	/**
	 * This client's {@code ip:port} as the server shows it.
	 */
	public String address() {
		return "127.0.0.1:" + this.socket.getLocalPort();
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

}
