package io.switchboard.irc;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.switchboard.LineClient;
import org.jspecify.annotations.Nullable;

/**
 * A web IRC client as tests see it: the JDK's WebSocket asking for IRCv3's subprotocols
 * ({@code text.ircv3.net}, {@code binary.ircv3.net}), one IRC line a message, as gamja
 * and Kiwi IRC send them. It reads text and binary messages alike (each as one line, its
 * bytes as UTF-8, and whether it came binary), answers PINGs, and sees the close code.
 * Built paused, it reads nothing after the first message, like a client that stopped
 * reading.
 */
final class WebIrcProbe implements AutoCloseable {

	private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final WebSocket socket;

	private final boolean binary;

	private WebIrcProbe(HttpClient http, int httpPort, boolean paused, @Nullable String origin,
			String... subprotocols) {
		WebSocket.Builder builder = http.newWebSocketBuilder();
		if (origin != null) {
			builder.header("Origin", origin);
		}
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
		}
		this.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/ws"), new Listener(paused))
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		this.binary = "binary.ircv3.net".equals(this.socket.getSubprotocol());
	}

	/** Connect asking for these subprotocols, in this order of preference. */
	static WebIrcProbe connect(int httpPort, String... subprotocols) {
		return new WebIrcProbe(HttpClient.newHttpClient(), httpPort, false, null, subprotocols);
	}

	/** Connect from {@code localAddress} (any 127.x.y.z), an address of its own. */
	static WebIrcProbe from(String localAddress, int httpPort, String... subprotocols) {
		try {
			HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build();
			return new WebIrcProbe(http, httpPort, false, null, subprotocols);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * The HTTP status of a handshake for {@code text.ircv3.net} from a page of
	 * {@code origin}: 101 if it was accepted.
	 */
	static int handshakeStatus(int httpPort, String origin) {
		try (WebIrcProbe probe = new WebIrcProbe(HttpClient.newHttpClient(), httpPort, false, origin,
				"text.ircv3.net")) {
			return 101;
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	/** Connect over {@code text.ircv3.net}; it reads one message, then nothing more. */
	static WebIrcProbe paused(int httpPort) {
		return new WebIrcProbe(HttpClient.newHttpClient(), httpPort, true, null, "text.ircv3.net");
	}

	/** Connect over {@code text.ircv3.net} and register as {@code nick}. */
	static WebIrcProbe registered(int httpPort, String nick) {
		return connect(httpPort, "text.ircv3.net").register(nick);
	}

	/** Register as {@code nick}; returns after the end of the welcome. */
	WebIrcProbe register(String nick) {
		send("NICK " + nick).send("USER " + nick + " 0 * :" + nick + " Realname");
		readUntil((line) -> line.contains(" 376 ") || line.contains(" 422 "));
		return this;
	}

	String subprotocol() {
		return this.socket.getSubprotocol();
	}

	/** One line as one message, in the subprotocol's kind (no CR LF). */
	WebIrcProbe send(String line) {
		return this.binary ? sendBinary(line.getBytes(StandardCharsets.UTF_8)) : sendText(line);
	}

	WebIrcProbe sendText(String message) {
		this.socket.sendText(message, true).orTimeout(10, TimeUnit.SECONDS).join();
		return this;
	}

	WebIrcProbe sendBinary(byte[] message) {
		this.socket.sendBinary(ByteBuffer.wrap(message), true).orTimeout(10, TimeUnit.SECONDS).join();
		return this;
	}

	/** The next message's line; PINGs are answered and skipped; fails after 10 s. */
	String readLine() {
		return next().line();
	}

	/** The next message; PINGs are answered and skipped; fails after 10 s. */
	Message next() {
		Message message = nextOrNull();
		if (message == null) {
			throw new AssertionError("Closed, or no message within " + LineClient.READ_TIMEOUT_MILLIS + " ms");
		}
		return message;
	}

	String readUntil(Predicate<String> wanted) {
		while (true) {
			String line = readLine();
			if (wanted.test(line)) {
				return line;
			}
		}
	}

	/** Every line until the server closes (10 s at most between two). */
	List<String> readToEnd() {
		List<String> lines = new ArrayList<>();
		for (Message message = nextOrNull(); message != null; message = nextOrNull()) {
			lines.add(message.line());
		}
		return lines;
	}

	/** The close code the server sent; waits up to 10 seconds. */
	int closeCode() {
		return this.closeCode.orTimeout(10, TimeUnit.SECONDS).join();
	}

	private @Nullable Message nextOrNull() {
		try {
			while (true) {
				Message message = this.messages.poll(LineClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
				if (message == null || message == Message.END) {
					return null;
				}
				if (!message.line().startsWith("PING ")) {
					return message;
				}
				send("PONG " + message.line().substring(5));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	/**
	 * One message from the server.
	 *
	 * @param line its text (binary ones decoded as UTF-8)
	 * @param binary whether it came as a binary message
	 */
	record Message(String line, boolean binary) {

		static final Message END = new Message("", false);

	}

	private final class Listener implements WebSocket.Listener {

		private final boolean paused;

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		Listener(boolean paused) {
			this.paused = paused;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				WebIrcProbe.this.messages.add(new Message(this.text.toString(), false));
				this.text.setLength(0);
			}
			more(webSocket);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] part = new byte[data.remaining()];
			data.get(part);
			this.bytes.writeBytes(part);
			if (last) {
				WebIrcProbe.this.messages.add(new Message(this.bytes.toString(StandardCharsets.UTF_8), true));
				this.bytes.reset();
			}
			more(webSocket);
			return null;
		}

		private void more(WebSocket webSocket) {
			if (!this.paused) {
				webSocket.request(1);
			}
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WebIrcProbe.this.closeCode.complete(statusCode);
			WebIrcProbe.this.messages.add(Message.END);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WebIrcProbe.this.closeCode.completeExceptionally(error);
			WebIrcProbe.this.messages.add(Message.END);
		}

	}

}
