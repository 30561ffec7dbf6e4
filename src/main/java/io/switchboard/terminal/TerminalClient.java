package io.switchboard.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * {@code ./switchboard client}: prints what the server sends as it arrives, sends each
 * line typed, leaves on {@code quit} or Ctrl-D, and reconnects with backoff when the
 * connection drops (the seeds' open TODO), signed in again with its token and back in the
 * nick and room it had. Exit status: 0 after a clean quit, 1 if the server cannot be
 * reached at start, 2 for bad arguments, 3 when the server refuses the client in a way a
 * reconnect would not change (a bad or expired token, none where one is needed, a ban).
 */
public final class TerminalClient {

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final Duration QUIT_WAIT = Duration.ofSeconds(3);

	private final ClientOptions options;

	private final PrintStream out;

	private static final int REFUSED = 3;

	private final CountDownLatch goodbye = new CountDownLatch(1);

	private final CompletableFuture<Integer> exit = new CompletableFuture<>();

	private final Resumption resumption;

	private final PrintStream err;

	private volatile @Nullable ServerLink link;

	private volatile boolean quitting;

	private TerminalClient(ClientOptions options, PrintStream out, PrintStream err) {
		this.options = options;
		this.out = out;
		this.err = err;
		this.resumption = new Resumption(options.token());
	}

	/**
	 * Run the client until the user quits.
	 * @return the exit status
	 */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		ClientOptions options;
		try {
			options = ClientOptions.parse(System.getenv(ClientOptions.TOKEN_VARIABLE), args);
		}
		catch (IllegalArgumentException ex) {
			if (!ex.getMessage().isEmpty()) {
				err.println("switchboard client: " + ex.getMessage());
			}
			err.println(ClientOptions.USAGE);
			return 2;
		}
		TerminalClient client = new TerminalClient(options, out, err);
		try {
			client.link = client.open();
		}
		catch (IOException ex) {
			err.println("switchboard client: cannot connect to " + options.target() + ": " + ex.getMessage());
			return 1;
		}
		Thread.ofPlatform().daemon().name("switchboard-client-receiver").start(client::receiveLoop);
		// The keyboard is read on a thread of its own: a refusal ends the client while
		// that thread still waits for a line.
		BufferedReader keyboard = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		Thread.ofPlatform()
			.daemon()
			.name("switchboard-client-keyboard")
			.start(() -> client.exit.complete(client.sendLoop(keyboard)));
		return client.exit.join();
	}

	private ServerLink open() throws IOException {
		return ServerLink.open(this.options, this.resumption::openingLines);
	}

	private int sendLoop(BufferedReader keyboard) {
		try {
			String line;
			while ((line = keyboard.readLine()) != null) {
				if (line.equals("quit") || line.equals("/quit")) {
					break;
				}
				this.resumption.sent(line);
				send(line);
			}
			// quit typed, or Ctrl-D: leave cleanly and wait for the server's goodbye
			this.quitting = true;
			send("quit");
			this.goodbye.await(QUIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (IOException ex) {
			this.out.println("* cannot read the terminal: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeLink();
		return 0;
	}

	private void send(String line) {
		ServerLink current = this.link;
		try {
			if (current == null) {
				throw new IOException("reconnecting");
			}
			current.send(line);
		}
		catch (IOException ex) {
			this.out.println("* not sent (" + ex.getMessage() + "): " + line);
		}
	}

	private void receiveLoop() {
		while (true) {
			ServerLink current = this.link;
			try {
				String line;
				while (current != null && (line = current.receive()) != null) {
					this.out.println(line);
					if (this.quitting && line.equals("* bye")) {
						this.goodbye.countDown();
					}
					this.resumption.received(line);
					String refusal = Refusal.of(line);
					if (refusal != null) {
						stop(refusal);
						return;
					}
				}
			}
			catch (IOException ex) {
				// dropped: reconnect below unless the user is leaving
			}
			if (this.quitting) {
				this.goodbye.countDown();
				return;
			}
			reconnect();
		}
	}

	private void stop(String refusal) {
		this.quitting = true;
		closeLink();
		this.err.println("switchboard client: " + refusal);
		this.exit.complete(REFUSED);
	}

	private void reconnect() {
		closeLink();
		Duration backoff = Duration.ofSeconds(1);
		this.out.println("* connection to " + this.options.target() + " lost");
		while (!this.quitting) {
			Duration delay = jittered(backoff);
			this.out.println("* reconnecting in " + Math.ceilDiv(delay.toMillis(), 1000) + "s");
			try {
				Thread.sleep(delay); // backoff between reconnect attempts, not
										// synchronisation
				this.link = open();
				this.out.println("* reconnected to " + this.options.target());
				return;
			}
			catch (IOException ex) {
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * A delay drawn from the upper half of {@code backoff}, as the web page does: when a
	 * server closes many clients at once, they come back spread over half a second (then
	 * a second, ...) instead of all at the same instant.
	 */
	static Duration jittered(Duration backoff) {
		long half = backoff.toMillis() / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	private void closeLink() {
		ServerLink current = this.link;
		this.link = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
	}

}
