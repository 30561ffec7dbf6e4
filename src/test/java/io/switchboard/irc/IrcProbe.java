package io.switchboard.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A raw IRC client over a real socket: sends lines with CR LF, reads the server's lines.
 */
final class IrcProbe implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	IrcProbe(int port) {
		this(connect(port));
	}

	/**
	 * A client over a socket connected already (e.g. a TLS socket).
	 */
	IrcProbe(Socket connected) {
		try {
			this.socket = connected;
			this.socket.setSoTimeout(10_000);
			this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A client connected from {@code localAddress} (e.g. {@code 127.0.0.2}): an address
	 * of its own for per-address limits and bans.
	 */
	static IrcProbe from(String localAddress, int port) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			return new IrcProbe(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Socket connect(int port) {
		try {
			return new Socket(InetAddress.getLoopbackAddress(), port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Connect and register as {@code nick}; returns after the end of the welcome (the
	 * MOTD's end or its absence).
	 */
	static IrcProbe registered(int port, String nick) {
		return new IrcProbe(port).register(nick);
	}

	/**
	 * Register as {@code nick}; returns after the end of the welcome.
	 */
	IrcProbe register(String nick) {
		send("NICK " + nick).send("USER " + nick + " 0 * :" + nick + " Realname");
		readUntil((line) -> line.contains(" 376 ") || line.contains(" 422 "));
		return this;
	}

	IrcProbe send(String line) {
		return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
	}

	IrcProbe sendRaw(byte[] bytes) {
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
	 * The next line; fails on timeout or EOF. PINGs from the server are answered and
	 * skipped.
	 */
	String readLine() {
		String line = readLineOrNull();
		if (line == null) {
			throw new AssertionError("Connection closed");
		}
		return line;
	}

	@Nullable String readLineOrNull() {
		try {
			String line = this.in.readLine();
			if (line != null && line.startsWith("PING ")) {
				send("PONG " + line.substring(5));
				return readLineOrNull();
			}
			return line;
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No line within 10 s", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String readUntil(Predicate<String> wanted) {
		while (true) {
			String line = readLine();
			if (wanted.test(line)) {
				return line;
			}
		}
	}

	/** Every line until the server closes. */
	List<String> readToEnd() {
		List<String> lines = new ArrayList<>();
		for (String line = readLineOrNull(); line != null; line = readLineOrNull()) {
			lines.add(line);
		}
		return lines;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
