package io.switchboard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * One load-generator connection: TCP lines, UDP datagrams (joined through the handshake)
 * or WebSocket text frames ({@link WebSocketBenchConnection}).
 */
abstract sealed class BenchConnection implements AutoCloseable
		permits BenchConnection.Tcp, BenchConnection.Udp, WebSocketBenchConnection {

	/**
	 * Takes each bench message a connection receives, in order, one at a time.
	 */
	@FunctionalInterface
	interface Sink {

		void message(long sender, long seq, long sentAtNanos);

	}

	/**
	 * Hands every bench message received from now on to {@code sink} until the connection
	 * ends; here with a blocking reader on one of {@code threads}.
	 */
	void deliverTo(Sink sink, Executor threads) {
		threads.execute(() -> {
			long[] fields = new long[3];
			try {
				while (receiveMessage(fields)) {
					sink.message(fields[0], fields[1], fields[2]);
				}
			}
			catch (IOException | RuntimeException ex) {
				// closed at the end of the run, or by the server
			}
		});
	}

	abstract void send(byte[] line) throws IOException;

	/**
	 * The next line, or null when the server closed the connection.
	 */
	abstract @Nullable String receive() throws IOException;

	/**
	 * The next bench message's fields, skipping other lines; false when the server closed
	 * the connection. Parsed from bytes: the generator must stay cheaper than the server.
	 */
	boolean receiveMessage(long[] fields) throws IOException {
		String line;
		while ((line = receive()) != null) {
			// "b ..." relayed bare (e.g. a Netty broadcast server) or after a prefix
			int start = line.startsWith("b ") ? 2 : line.indexOf(" b ") + 3;
			if (start >= 3 || line.startsWith("b ")) {
				String[] parts = line.substring(start).split(" ", 4);
				fields[0] = Long.parseLong(parts[0]);
				fields[1] = Long.parseLong(parts[1]);
				fields[2] = Long.parseLong(parts[2]);
				return true;
			}
		}
		return false;
	}

	@Override
	public abstract void close() throws IOException;

	static BenchConnection open(BenchOptions options, int index) throws IOException {
		int port = options.port(index);
		return options.udp() ? new Udp(options.host(), port)
				: new Tcp(options.host(), port, 0, options.tls(), options.readBufferBytes());
	}

	static final class Tcp extends BenchConnection {

		private final Socket socket;

		/** The socket's channel; null over TLS. */
		private final @Nullable SocketChannel channel;

		/** Set once a selector reads the channel (non-blocking from then on). */
		private volatile boolean selected;

		private final InputStream in;

		private final OutputStream out;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

		private final byte[] buffer;

		private int start;

		private int end;

		/**
		 * @param receiveBuffer SO_RCVBUF, 0 for the kernel's default
		 * @param tls TLS over the connection, trusting any certificate
		 * ({@link LoopbackTls})
		 */
		Tcp(String host, int port, int receiveBuffer, boolean tls) throws IOException {
			this(host, port, receiveBuffer, tls, 64 * 1024);
		}

		/**
		 * @param bufferBytes the reading buffers' size (two per client): smaller with
		 * thousands of clients, which would otherwise hold gigabytes of them
		 */
		Tcp(String host, int port, int receiveBuffer, boolean tls, int bufferBytes) throws IOException {
			this.buffer = new byte[bufferBytes];
			// Through a channel, so that a selector can read it (--readers); its socket
			// works as a plain one while the channel blocks
			this.channel = tls ? null : SocketChannel.open();
			Socket plain = (this.channel != null) ? this.channel.socket() : new Socket();
			plain.setTcpNoDelay(true);
			if (receiveBuffer > 0) {
				plain.setReceiveBufferSize(receiveBuffer);
			}
			try {
				plain.connect(new InetSocketAddress(host, port), 10_000);
				this.socket = tls ? LoopbackTls.wrap(plain, host, port) : plain;
			}
			catch (IOException ex) {
				plain.close();
				throw ex;
			}
			this.in = new BufferedInputStream(this.socket.getInputStream(), bufferBytes);
			this.out = this.socket.getOutputStream();
		}

		@Override
		void send(byte[] bytes) throws IOException {
			if (!this.selected) {
				this.out.write(bytes);
				return;
			}
			ByteBuffer rest = ByteBuffer.wrap(bytes);
			while (rest.hasRemaining()) {
				if (this.channel.write(rest) == 0) {
					Thread.onSpinWait(); // a full send buffer: a short line waits for
											// room
				}
			}
		}

		/**
		 * Whether {@link SelectorReaders} can read this connection (plain TCP).
		 */
		boolean selectable() {
			return this.channel != null;
		}

		/**
		 * Register with a selector, non-blocking from now on; the key carries
		 * {@code attachment}.
		 */
		void register(Selector selector, Object attachment) throws IOException {
			this.selected = true;
			this.channel.configureBlocking(false);
			this.channel.register(selector, SelectionKey.OP_READ, attachment);
		}

		/**
		 * Read what has arrived (the selector said some has) and hand each complete bench
		 * message to {@code sink}.
		 * @return false when the server closed the connection
		 */
		boolean readReady(long[] fields, Sink sink) throws IOException {
			while (true) {
				if (this.start > 0) {
					System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
					this.end -= this.start;
					this.start = 0;
				}
				if (this.end == this.buffer.length) {
					this.end = 0; // a line longer than the buffer is no bench message
				}
				int n = this.channel.read(ByteBuffer.wrap(this.buffer, this.end, this.buffer.length - this.end));
				if (n < 0) {
					return false;
				}
				this.end += n;
				while (nextBuffered(fields)) {
					sink.message(fields[0], fields[1], fields[2]);
				}
				if (this.end < this.buffer.length) {
					return true; // read all there was
				}
			}
		}

		@Override
		@Nullable String receive() throws IOException {
			this.line.reset();
			int next;
			while ((next = this.in.read()) != '\n') {
				if (next < 0) {
					return null;
				}
				this.line.write(next);
			}
			return this.line.toString(StandardCharsets.UTF_8);
		}

		@Override
		boolean receiveMessage(long[] fields) throws IOException {
			while (!nextBuffered(fields)) {
				if (this.start > 0) {
					System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
					this.end -= this.start;
					this.start = 0;
				}
				if (this.end == this.buffer.length) {
					this.end = 0; // a line longer than the buffer is no bench message
				}
				int n = this.in.read(this.buffer, this.end, this.buffer.length - this.end);
				if (n < 0) {
					return false;
				}
				this.end += n;
			}
			return true;
		}

		/**
		 * The next bench message among the buffered lines, skipping other lines.
		 * @return false if no complete one is buffered
		 */
		private boolean nextBuffered(long[] fields) {
			while (true) {
				int newline = indexOf((byte) '\n', this.start, this.end);
				if (newline < 0) {
					return false;
				}
				int lineStart = this.start;
				this.start = newline + 1;
				int position = fieldsStart(lineStart, newline);
				if (position >= 0) {
					for (int f = 0; f < 3; f++) {
						long value = 0;
						while (position < newline && this.buffer[position] != ' ') {
							value = value * 10 + (this.buffer[position++] - '0');
						}
						fields[f] = value;
						position++;
					}
					return true;
				}
			}
		}

		private int indexOf(byte wanted, int from, int to) {
			for (int i = from; i < to; i++) {
				if (this.buffer[i] == wanted) {
					return i;
				}
			}
			return -1;
		}

		/**
		 * Where the bench fields start: after "b " at the start of the line (relayed
		 * bare, e.g. by a Netty broadcast server) or after the first " b " (behind a
		 * prefix); -1 if the line is no bench message.
		 */
		private int fieldsStart(int from, int to) {
			if (to - from >= 2 && this.buffer[from] == 'b' && this.buffer[from + 1] == ' ') {
				return from + 2;
			}
			for (int i = from; i + 2 < to; i++) {
				if (this.buffer[i] == ' ' && this.buffer[i + 1] == 'b' && this.buffer[i + 2] == ' ') {
					return i + 3;
				}
			}
			return -1;
		}

		/**
		 * Whether the server has closed this connection, reading away whatever it sent;
		 * for clients that never read during the run.
		 */
		boolean closedByServer() throws IOException {
			this.socket.setSoTimeout(200);
			try {
				while (this.in.read(this.buffer) >= 0) {
					// discard what queued up while this client did not read
				}
				return true;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (IOException ex) {
				return true; // reset
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	static final class Udp extends BenchConnection {

		private final DatagramSocket socket;

		private final byte[] buffer = new byte[65_536];

		/** The member key and a space, which starts every datagram; empty without one. */
		private byte[] keyPrefix = new byte[0];

		Udp(String host, int port) throws IOException {
			this.socket = new DatagramSocket();
			this.socket.setReceiveBufferSize(4 * 1024 * 1024);
			this.socket.connect(new InetSocketAddress(host, port));
			this.socket.setSoTimeout(10_000);
			send("/ping\n".getBytes(StandardCharsets.UTF_8));
			String first = receive();
			if (first != null && first.startsWith("* /join ")) {
				send((first.substring(2) + "\n").getBytes(StandardCharsets.UTF_8));
				// the greeting (unless it is configured away), then the member key
				for (int i = 0; i < 2; i++) {
					String line = receive();
					if (line != null && line.startsWith(KEY_LINE)) {
						this.keyPrefix = (line.substring(KEY_LINE.length(), KEY_LINE.length() + 8) + " ")
							.getBytes(StandardCharsets.UTF_8);
						break;
					}
				}
			}
			this.socket.setSoTimeout(0);
		}

		private static final String KEY_LINE = "* your key is ";

		@Override
		void send(byte[] bytes) throws IOException {
			byte[] datagram = bytes;
			if (this.keyPrefix.length > 0) {
				datagram = new byte[this.keyPrefix.length + bytes.length];
				System.arraycopy(this.keyPrefix, 0, datagram, 0, this.keyPrefix.length);
				System.arraycopy(bytes, 0, datagram, this.keyPrefix.length, bytes.length);
			}
			this.socket.send(new DatagramPacket(datagram, datagram.length));
		}

		@Override
		@Nullable String receive() throws IOException {
			DatagramPacket packet = new DatagramPacket(this.buffer, this.buffer.length);
			this.socket.receive(packet);
			return new String(this.buffer, 0, packet.getLength(), StandardCharsets.UTF_8).stripTrailing();
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

}
