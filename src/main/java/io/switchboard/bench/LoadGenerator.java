package io.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code java -jar switchboard.jar bench}: connects clients to one room (or several), has
 * some of them send timestamped messages at a fixed rate, and measures what every client
 * receives: throughput, loss, order and latency (HdrHistogram, from the send time
 * embedded in each message; sender and receivers share this machine's clock). Bounded in
 * time: it stops by itself after warm-up plus duration plus a short drain.
 */
public final class LoadGenerator {

	private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final BenchOptions options;

	private final PrintStream out;

	private final PrintStream progress;

	private final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);

	/** The latencies of the messages sent in the measured window. */
	private final Histogram total = new Histogram(3);

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong sentMeasured = new AtomicLong();

	/** Messages sent in the measured window, by the room they were sent to. */
	private final AtomicLongArray sentMeasuredToRoom;

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
		this.sentMeasuredToRoom = new AtomicLongArray(options.rooms());
	}

	/**
	 * @return the exit status: 0, 1 if the run failed, 2 for bad arguments
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
			boolean loopback = InetAddress.getByName(options.host()).isLoopbackAddress();
			if (!options.allowRemote() && !loopback) {
				throw new IllegalArgumentException(
						options.host() + " is not a loopback address (--allow-remote to target it)");
			}
			if (options.tls() && !loopback) {
				throw new IllegalArgumentException(
						"--tls trusts any certificate, so it targets loopback only, not " + options.host());
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
		SelectorReaders readers = null;
		// the clients close first, which ends the readers the executor then waits for
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				BenchClients clients = new BenchClients(this.options)) {
			clients.connect(this.progress);
			List<BenchConnection> connections = clients.measured();
			// With every client in but nothing sent yet: what a member costs before any
			// fan-out, against which the RSS at the window's end shows what one holds
			long rssConnected = server.known() ? server.rssKiB() : -1;
			if (this.options.idle()) {
				Thread.sleep(this.options.duration()); // hold them for the measured time
				BenchReport.printIdle(this.options, this.out, connections.size(), rssBefore,
						server.known() ? server.rssKiB() : -1, threadsBefore, server.known() ? server.threads() : -1);
				return;
			}
			if (this.options.readers() > 0 && SelectorReaders.canRead(connections)) {
				readers = new SelectorReaders(this.options.readers(), connections, this::receiver);
			}
			else {
				for (BenchConnection connection : connections) {
					connection.deliverTo(receiver(), threads);
				}
			}
			long start = System.nanoTime();
			this.measureFrom = start + this.options.warmup().toNanos();
			this.measureUntil = this.measureFrom + this.options.duration().toNanos();
			for (int s = 0; s < this.options.senders(); s++) {
				int sender = s;
				threads.execute(() -> sendLoop(connections.get(sender), sender, start));
			}
			double cores = measure(server, start);
			long rss = server.known() ? server.rssKiB() : -1;
			new BenchReport(this.options, secondsMeasured(), this.sentMeasured.get(), expected(),
					this.receivedMeasured.get(), this.orderViolations.get(), this.total, cores, rssBefore, rssConnected,
					rss, clients.stalledClosedByServer())
				.print(this.out);
			threads.shutdownNow();
		}
		finally {
			if (readers != null) {
				readers.close();
			}
		}
	}

	/**
	 * Prints a progress line a second until the measured window has ended and its
	 * messages have arrived (or the drain time is up), adding up the window's latencies.
	 * The server's CPU is read exactly when the window starts and when it ends
	 * ({@link ServerProcess.CpuWindow}), not at the progress lines' ticks; sending stops
	 * when it ends.
	 * @return the server's CPU over the window in cores; NaN if unknown
	 */
	private double measure(ServerProcess server, long start) throws InterruptedException {
		ServerProcess.CpuWindow cpu = null;
		boolean ended = false;
		long lastReceived = 0;
		long lastSent = 0;
		long tick = start + TICK_NANOS;
		while (true) {
			long edge = (cpu == null) ? this.measureFrom : ended ? Long.MAX_VALUE : this.measureUntil;
			Thread.sleep(Duration.ofNanos(Math.max(0, Math.min(tick, edge) - System.nanoTime())));
			long now = System.nanoTime();
			if (cpu == null && now >= this.measureFrom) {
				cpu = server.startCpuWindow();
			}
			if (cpu != null && !ended && now >= this.measureUntil) {
				this.sending.set(false);
				cpu.end();
				ended = true;
			}
			if (now < tick) {
				continue; // woken for the window's start or end, not for a progress line
			}
			tick += TICK_NANOS;
			Histogram interval = this.latency.getIntervalHistogram();
			if (now >= this.measureFrom) {
				this.total.add(interval);
			}
			long r = this.received.get();
			long s = this.sent.get();
			this.progress.printf("bench: %s sent/s %,d  delivered/s %,d  p99 %.2f ms%n",
					(now < this.measureFrom) ? "warm-up" : "measure", s - lastSent, r - lastReceived,
					interval.getValueAtPercentile(99) / 1e6);
			lastReceived = r;
			lastSent = s;
			if (ended && (this.receivedMeasured.get() >= expected()
					|| now >= this.measureUntil + this.options.drain().toNanos())) {
				return (cpu != null) ? cpu.cores() : Double.NaN;
			}
		}
	}

	private void sendLoop(BenchConnection connection, int sender, long start) {
		double perSender = (double) this.options.rate() / this.options.senders();
		long interval = (perSender > 0) ? (long) (TimeUnit.SECONDS.toNanos(1) / perSender) : 0;
		byte[] padding = new byte[Math.max(0, this.options.size() - 40)];
		Arrays.fill(padding, (byte) 'x');
		String pad = new String(padding, StandardCharsets.US_ASCII);
		// senders take turns rather than all sending at the same instants
		long next = start + interval * sender / this.options.senders();
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
					this.sentMeasuredToRoom.incrementAndGet(this.options.room(sender));
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
		long expected = 0;
		for (int room = 0; room < this.options.rooms(); room++) {
			expected += this.sentMeasuredToRoom.get(room)
					* (this.options.roomSize(room) - (this.options.noEcho() ? 1 : 0));
		}
		return expected;
	}

	private double secondsMeasured() {
		return this.options.duration().toNanos() / 1e9;
	}

}
