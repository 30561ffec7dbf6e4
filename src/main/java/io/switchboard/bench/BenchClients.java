package io.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The connections of one {@code bench} run: the measured clients (TCP, TLS, UDP or
 * WebSocket), each in its room, and the stalled ones that never read. Closing closes them
 * all, also after a failure half way through connecting.
 */
final class BenchClients implements AutoCloseable {

	private final BenchOptions options;

	private final WebSocketBenchConnection.@Nullable Dialer dialer;

	private final List<BenchConnection> measured = new ArrayList<>();

	private final List<BenchConnection.Tcp> stalled = new ArrayList<>();

	BenchClients(BenchOptions options) {
		this.options = options;
		URI websocket = options.websocket();
		this.dialer = (websocket != null) ? new WebSocketBenchConnection.Dialer(websocket) : null;
	}

	/**
	 * Connects the measured clients, paced by {@code --connect-rate}, then the stalled
	 * ones.
	 */
	void connect(PrintStream progress) throws IOException {
		long interval = (this.options.connectRate() > 0) ? TimeUnit.SECONDS.toNanos(1) / this.options.connectRate() : 0;
		long next = System.nanoTime();
		for (int i = 0; i < this.options.clients(); i++) {
			if (interval > 0) {
				LockSupport.parkNanos(next - System.nanoTime()); // connect pacing
				next += interval;
			}
			BenchConnection connection = (this.dialer != null) ? this.dialer.open()
					: BenchConnection.open(this.options, i);
			this.measured.add(connection);
			join(connection, i);
		}
		progress.printf("bench: %d %s clients connected to %s%n", this.measured.size(),
				this.options.transport().toUpperCase(Locale.ROOT),
				(this.dialer != null) ? this.options.websocket() : this.options.host() + ":" + this.options.ports());
		for (int i = 0; i < this.options.stalled(); i++) {
			// a small receive buffer, so the server sees them stop reading soon
			BenchConnection.Tcp connection = new BenchConnection.Tcp(this.options.host(), this.options.port(i), 4096,
					this.options.tls());
			this.stalled.add(connection);
			join(connection, i);
		}
	}

	/**
	 * The {@code index}th client joins its room, unless all stay in the default room.
	 * Nothing waits for the reply: the warm-up passes before anything is measured.
	 */
	private void join(BenchConnection connection, int index) throws IOException {
		if (this.options.rooms() > 1) {
			connection.send(("/join bench-" + this.options.room(index) + "\n").getBytes(StandardCharsets.US_ASCII));
		}
	}

	List<BenchConnection> measured() {
		return this.measured;
	}

	/**
	 * How many stalled clients the server has closed by now.
	 */
	int stalledClosedByServer() throws IOException {
		int closed = 0;
		for (BenchConnection.Tcp connection : this.stalled) {
			closed += connection.closedByServer() ? 1 : 0;
		}
		return closed;
	}

	@Override
	public void close() {
		List<BenchConnection> all = new ArrayList<>(this.measured);
		all.addAll(this.stalled);
		for (BenchConnection connection : all) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		if (this.dialer != null) {
			this.dialer.close();
		}
	}

}
