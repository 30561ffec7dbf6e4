package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client of the {@code switchboard.text} subprotocol (the JDK's
 * {@link WebSocket}): each text frame is one line, sent without its LF. Frames are not
 * read by a thread of this connection but pushed by the client's selector to a
 * {@link Sink}, so thousands of connections cost no thread each.
 */
final class WebSocketBenchConnection extends BenchConnection {

	static final String SUBPROTOCOL = "switchboard.text";

	private final Frames frames = new Frames();

	private final WebSocket socket;

	private WebSocketBenchConnection(HttpClient http, URI uri) throws IOException {
		try {
			this.socket = http.newWebSocketBuilder()
				.subprotocols(SUBPROTOCOL)
				.connectTimeout(Duration.ofSeconds(10))
				.buildAsync(uri, this.frames)
				.orTimeout(20, TimeUnit.SECONDS)
				.join();
		}
		catch (CompletionException ex) {
			throw new IOException("WebSocket handshake with " + uri + " failed: " + ex.getCause(), ex.getCause());
		}
	}

	@Override
	void send(byte[] line) throws IOException {
		int length = (line.length > 0 && line[line.length - 1] == '\n') ? line.length - 1 : line.length;
		try {
			// one send at a time per WebSocket: each sender waits for its own
			this.socket.sendText(new String(line, 0, length, StandardCharsets.UTF_8), true).join();
		}
		catch (CompletionException ex) {
			throw new IOException(ex.getCause());
		}
	}

	/**
	 * Not read by pulling: see {@link #deliverTo}.
	 */
	@Override
	@Nullable String receive() {
		throw new UnsupportedOperationException("WebSocket frames are pushed to a Sink");
	}

	@Override
	boolean receiveMessage(long[] fields) {
		throw new UnsupportedOperationException("WebSocket frames are pushed to a Sink");
	}

	/**
	 * From now on, each bench message goes to {@code sink} on the thread that reads the
	 * frame; no thread of {@code threads} is taken.
	 */
	@Override
	void deliverTo(Sink sink, Executor threads) {
		this.frames.sink = sink;
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	/**
	 * Opens connections through one shared {@link HttpClient}: one selector thread reads
	 * them all, and listener calls run on a small pool rather than a thread per
	 * connection.
	 */
	static final class Dialer implements AutoCloseable {

		private final ExecutorService pool = Executors.newFixedThreadPool(2,
				Thread.ofPlatform().daemon().name("bench-websocket-", 0).factory());

		private final HttpClient http = HttpClient.newBuilder().executor(this.pool).build();

		private final URI uri;

		Dialer(URI uri) {
			this.uri = uri;
		}

		WebSocketBenchConnection open() throws IOException {
			return new WebSocketBenchConnection(this.http, this.uri);
		}

		@Override
		public void close() {
			this.http.shutdownNow();
			this.pool.shutdownNow();
		}

	}

	/**
	 * The listener: joins a frame that arrives in parts, and parses each bench message
	 * ({@code b SENDER SEQ NANOS ...}, bare or behind a prefix) into its sink. The JDK
	 * calls it for one frame at a time.
	 */
	private static final class Frames implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private final long[] fields = new long[3];

		private volatile @Nullable Sink sink;

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(Long.MAX_VALUE);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			CharSequence frame = data;
			if (!last || !this.partial.isEmpty()) {
				this.partial.append(data);
				if (!last) {
					return null;
				}
				frame = this.partial;
			}
			Sink to = this.sink;
			if (to != null && parse(frame, this.fields)) {
				to.message(this.fields[0], this.fields[1], this.fields[2]);
			}
			this.partial.setLength(0);
			return null;
		}

	}

	/**
	 * The three numbers after {@code "b "} at the start of the frame or after its first
	 * {@code " b "}; false if the frame is no bench message.
	 */
	static boolean parse(CharSequence frame, long[] fields) {
		int length = frame.length();
		int position = -1;
		if (length >= 2 && frame.charAt(0) == 'b' && frame.charAt(1) == ' ') {
			position = 2;
		}
		else {
			for (int i = 0; i + 2 < length; i++) {
				if (frame.charAt(i) == ' ' && frame.charAt(i + 1) == 'b' && frame.charAt(i + 2) == ' ') {
					position = i + 3;
					break;
				}
			}
		}
		if (position < 0) {
			return false;
		}
		for (int f = 0; f < 3; f++) {
			long value = 0;
			char c;
			while (position < length && (c = frame.charAt(position)) != ' ') {
				if (c < '0' || c > '9') {
					return false;
				}
				value = value * 10 + (c - '0');
				position++;
			}
			fields[f] = value;
			position++;
		}
		return true;
	}

}
