package io.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar switchboard.jar bench}: connects clients to one room, has some of them
 * send timestamped messages at a fixed rate, and measures what every client receives:
 * throughput, loss, order and latency (HdrHistogram, from the send time embedded in each
 * message; sender and receivers share this machine's clock). Bounded in time: it stops by
 * itself after warm-up plus duration plus a short drain.
 */
public final class LoadGenerator {

	private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(3);

	private final BenchOptions options;

	private final PrintStream out;

	private final PrintStream progress;

	private final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong sentMeasured = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong receivedMeasured = new AtomicLong();

	private final AtomicLong orderViolations = new AtomicLong();

	private final AtomicBoolean sending = new AtomicBoolean(true);

	private volatile long measureFrom;

	private volatile long measureUntil;

	private LoadGenerator(BenchOptions options, PrintStream out, PrintStream progress) {
		this.options = options;
		this.out = out;
		this.progress = progress;
	}

	/**
	 * @return the exit status: 0, 1 if the run failed, 2 for bad arguments
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
			if (!options.allowRemote() && !InetAddress.getByName(options.host()).isLoopbackAddress()) {
				throw new IllegalArgumentException(
						options.host() + " is not a loopback address (--allow-remote to target it)");
			}
		}
		catch (IllegalArgumentException | IOException ex) {
			if (ex.getMessage() != null && !ex.getMessage().isEmpty()) {
				err.println("switchboard bench: " + ex.getMessage());
			}
			err.println(BenchOptions.USAGE);
			return 2;
		}
		try {
			new LoadGenerator(options, out, err).run();
			return 0;
		}
		catch (IOException | InterruptedException ex) {
			err.println("switchboard bench: " + ex);
			return 1;
		}
	}

	private void run() throws IOException, InterruptedException {
		ServerProcess server = new ServerProcess(this.options.serverPid());
		long rssBefore = server.known() ? server.rssKiB() : -1;
		int threadsBefore = server.known() ? server.threads() : -1;
		URI websocket = this.options.websocket();
		WebSocketBenchConnection.Dialer dialer = (websocket != null) ? new WebSocketBenchConnection.Dialer(websocket)
				: null;
		List<BenchConnection> connections = new ArrayList<>();
		List<BenchConnection.Tcp> stalled = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			connect(connections, dialer);
			for (int i = 0; i < this.options.stalled(); i++) {
				// a small receive buffer, so the server sees them stop reading soon
				stalled.add(new BenchConnection.Tcp(this.options.host(), this.options.port(i), 4096));
			}
			if (this.options.idle()) {
				Thread.sleep(this.options.duration()); // hold them for the measured time
				BenchReport.printIdle(this.options, this.out, connections.size(), rssBefore,
						server.known() ? server.rssKiB() : -1, threadsBefore, server.known() ? server.threads() : -1);
				return;
			}
			for (BenchConnection connection : connections) {
				connection.deliverTo(receiver(), threads);
			}
			long start = System.nanoTime();
			this.measureFrom = start + this.options.warmup().toNanos();
			this.measureUntil = this.measureFrom + this.options.duration().toNanos();
			for (int s = 0; s < this.options.senders(); s++) {
				int sender = s;
				threads.execute(() -> sendLoop(connections.get(sender), sender, start));
			}
			double cpuAtStart = Double.NaN;
			Histogram total = null;
			long lastReceived = 0;
			long lastSent = 0;
			while (System.nanoTime() < this.measureUntil + DRAIN_NANOS) {
				Thread.sleep(1000); // the progress line's interval
				long now = System.nanoTime();
				if (Double.isNaN(cpuAtStart) && now >= this.measureFrom && server.known()) {
					cpuAtStart = server.cpuSeconds();
				}
				if (now >= this.measureUntil) {
					this.sending.set(false);
				}
				Histogram interval = this.latency.getIntervalHistogram();
				if (now >= this.measureFrom) {
					total = (total == null) ? interval.copy() : add(total, interval);
				}
				long r = this.received.get();
				long s = this.sent.get();
				this.progress.printf("bench: %s sent/s %,d  delivered/s %,d  p99 %.2f ms%n",
						(now < this.measureFrom) ? "warm-up" : "measure", s - lastSent, r - lastReceived,
						interval.getValueAtPercentile(99) / 1e6);
				lastReceived = r;
				lastSent = s;
				if (now >= this.measureUntil && this.receivedMeasured.get() >= expected()) {
					break;
				}
			}
			double cpu = server.known() ? (server.cpuSeconds() - cpuAtStart) / secondsMeasured() : Double.NaN;
			long rss = server.known() ? server.rssKiB() : -1;
			int stalledClosed = 0;
			for (BenchConnection.Tcp connection : stalled) {
				stalledClosed += connection.closedByServer() ? 1 : 0;
			}
			new BenchReport(this.options, secondsMeasured(), this.sentMeasured.get(), expected(),
					this.receivedMeasured.get(), this.orderViolations.get(), (total != null) ? total : new Histogram(3),
					cpu, rss, stalledClosed)
				.print(this.out);
			threads.shutdownNow();
		}
		finally {
			connections.addAll(stalled);
			for (BenchConnection connection : connections) {
				try {
					connection.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
			if (dialer != null) {
				dialer.close();
			}
		}
	}

	/**
	 * Connects the clients into {@code connections} (which the caller closes, also after
	 * a failure half way).
	 */
	private void connect(List<BenchConnection> connections, WebSocketBenchConnection.@Nullable Dialer dialer)
			throws IOException {
		long interval = (this.options.connectRate() > 0) ? TimeUnit.SECONDS.toNanos(1) / this.options.connectRate() : 0;
		long next = System.nanoTime();
		for (int i = 0; i < this.options.clients(); i++) {
			if (interval > 0) {
				LockSupport.parkNanos(next - System.nanoTime()); // connect pacing
				next += interval;
			}
			connections.add((dialer != null) ? dialer.open() : BenchConnection.open(this.options, i));
		}
		this.progress.printf("bench: %d %s clients connected to %s%n", connections.size(),
				this.options.transport().toUpperCase(Locale.ROOT),
				(dialer != null) ? this.options.websocket() : this.options.host() + ":" + this.options.ports());
	}

	private void sendLoop(BenchConnection connection, int sender, long start) {
		double perSender = (double) this.options.rate() / this.options.senders();
		long interval = (perSender > 0) ? (long) (TimeUnit.SECONDS.toNanos(1) / perSender) : 0;
		byte[] padding = new byte[Math.max(0, this.options.size() - 40)];
		Arrays.fill(padding, (byte) 'x');
		String pad = new String(padding, StandardCharsets.US_ASCII);
		long next = start;
		try {
			for (long seq = 0; this.sending.get(); seq++) {
				if (interval > 0) {
					long wait = next - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait); // the target rate
					}
					next += interval;
				}
				long now = System.nanoTime();
				connection.send(
						("b " + sender + " " + seq + " " + now + " " + pad + "\n").getBytes(StandardCharsets.US_ASCII));
				this.sent.incrementAndGet();
				if (now >= this.measureFrom && now < this.measureUntil) {
					this.sentMeasured.incrementAndGet();
				}
			}
		}
		catch (IOException ex) {
			if (this.sending.get()) {
				this.progress.println("bench: sender " + sender + " stopped: " + ex.getMessage());
			}
		}
	}

	/**
	 * What one client does with each bench message it receives: counts it, checks its
	 * order per sender, and records its latency if it was sent in the measured window.
	 */
	private BenchConnection.Sink receiver() {
		long[] lastSeq = new long[this.options.senders()];
		Arrays.fill(lastSeq, -1);
		return (sender, seq, sentAt) -> {
			long now = System.nanoTime();
			if (seq <= lastSeq[(int) sender]) {
				this.orderViolations.incrementAndGet();
			}
			lastSeq[(int) sender] = seq;
			this.received.incrementAndGet();
			if (sentAt >= this.measureFrom && sentAt < this.measureUntil) {
				this.receivedMeasured.incrementAndGet();
				this.latency.recordValue(Math.max(0, now - sentAt));
			}
		};
	}

	private long expected() {
		// every client of the room receives every message, senders too unless --no-echo
		return this.sentMeasured.get() * (this.options.clients() - (this.options.noEcho() ? 1 : 0));
	}

	private double secondsMeasured() {
		return this.options.duration().toNanos() / 1e9;
	}

	private static Histogram add(Histogram total, Histogram interval) {
		total.add(interval);
		return total;
	}

}
