package io.switchboard;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A test-only WebSocket client (the JDK's {@link WebSocket}): send text or binary frames,
 * read text frames with a timeout, see the close code. Built {@code paused}, it reads the
 * greeting and then nothing more, like a client that stopped reading. The json dialect's
 * {@code hello} is kept apart ({@link #hello()}), so frames read in order are what the
 * client's lines caused.
 */
public final class WebSocketProbe implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> hellos = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final WebSocket socket;

	private WebSocketProbe(URI uri, @Nullable String subprotocol, @Nullable String origin, boolean paused) {
		this(HTTP, uri, subprotocol, origin, Map.of(), paused);
	}

	private WebSocketProbe(HttpClient http, URI uri, @Nullable String subprotocol, @Nullable String origin,
			Map<String, String> headers, boolean paused) {
		WebSocket.Builder builder = http.newWebSocketBuilder();
		if (subprotocol != null) {
			builder.subprotocols(subprotocol);
		}
		if (origin != null) {
			builder.header("Origin", origin);
		}
		headers.forEach(builder::header);
		this.socket = builder.buildAsync(uri, new Frames(paused)).orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * Connect to {@code /ws} and read the greeting.
	 */
	public static WebSocketProbe connected(int httpPort, @Nullable String subprotocol) {
		WebSocketProbe probe = new WebSocketProbe(uri(httpPort), subprotocol, null, false);
		probe.next();
		return probe;
	}

	/**
	 * Connect to {@code /ws} from {@code localAddress} (any 127.x.y.z) with extra
	 * handshake headers (e.g. {@code X-Forwarded-For}); read nothing yet.
	 */
	public static WebSocketProbe from(int httpPort, InetAddress localAddress, Map<String, String> headers) {
		HttpClient http = HttpClient.newBuilder().localAddress(localAddress).build();
		return new WebSocketProbe(http, uri(httpPort), null, null, headers, false);
	}

	/**
	 * Connect to {@code /ws} with a query ({@code room=dev&since=ID}); read nothing yet.
	 */
	public static WebSocketProbe withQuery(int httpPort, @Nullable String subprotocol, String query) {
		return new WebSocketProbe(URI.create(uri(httpPort) + "?" + query), subprotocol, null, false);
	}

	/**
	 * Connect; read nothing yet.
	 */
	public static WebSocketProbe open(int httpPort, @Nullable String subprotocol, @Nullable String origin) {
		return new WebSocketProbe(uri(httpPort), subprotocol, origin, false);
	}

	/**
	 * Connect and read the greeting, then stop reading (its socket buffers fill).
	 */
	public static WebSocketProbe paused(int httpPort) {
		WebSocketProbe probe = new WebSocketProbe(uri(httpPort), null, null, true);
		probe.next();
		return probe;
	}

	/**
	 * The HTTP status that refused the handshake, or 101 if it was accepted.
	 */
	public static int handshakeStatus(int httpPort, @Nullable String origin) {
		try (WebSocketProbe probe = new WebSocketProbe(uri(httpPort), null, origin, false)) {
			return 101;
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	public static URI uri(int httpPort) {
		return URI.create("ws://127.0.0.1:" + httpPort + "/ws");
	}

	public WebSocketProbe send(String text) {
		this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
		return this;
	}

	/**
	 * One text message as several frames: the first, then continuations.
	 */
	public WebSocketProbe sendParts(String... parts) {
		for (int i = 0; i < parts.length; i++) {
			this.socket.sendText(parts[i], i == parts.length - 1).orTimeout(10, TimeUnit.SECONDS).join();
		}
		return this;
	}

	/**
	 * The first part of a text message, which the next send continues.
	 */
	public WebSocketProbe sendFragment(String part) {
		this.socket.sendText(part, false).orTimeout(10, TimeUnit.SECONDS).join();
		return this;
	}

	public WebSocketProbe sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
		return this;
	}

	/**
	 * The next text frame; fails after 10 seconds.
	 */
	public String next() {
		try {
			String frame = this.frames.poll(LineClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("No frame within " + LineClient.READ_TIMEOUT_MILLIS + " ms");
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * The json dialect's {@code hello}; fails after 10 seconds.
	 */
	public String hello() {
		try {
			String frame = this.hellos.poll(LineClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("No hello within " + LineClient.READ_TIMEOUT_MILLIS + " ms");
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public String nextMatching(Predicate<String> wanted) {
		while (true) {
			String frame = next();
			if (wanted.test(frame)) {
				return frame;
			}
		}
	}

	/**
	 * The close code the server sent; waits up to 10 seconds.
	 */
	public int closeCode() {
		return this.closeCode.orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * Start reading again (a paused probe).
	 */
	public void resume() {
		this.socket.request(Long.MAX_VALUE);
	}

	public String subprotocol() {
		return this.socket.getSubprotocol();
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	private final class Frames implements WebSocket.Listener {

		private final boolean paused;

		private final StringBuilder partial = new StringBuilder();

		Frames(boolean paused) {
			this.paused = paused;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String frame = this.partial.toString();
				(frame.startsWith("{\"type\":\"hello\"") ? WebSocketProbe.this.hellos : WebSocketProbe.this.frames)
					.add(frame);
				this.partial.setLength(0);
			}
			if (!this.paused) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WebSocketProbe.this.closeCode.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WebSocketProbe.this.closeCode.completeExceptionally(error);
		}

	}

}
