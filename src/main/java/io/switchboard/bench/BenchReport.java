package io.switchboard.bench;

import java.io.PrintStream;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * The final report of a {@code bench} run, as text or as one JSON line.
 *
 * @param sent messages sent in the measured window
 * @param expected deliveries expected in it (every receiver of every message)
 * @param received deliveries received in it
 * @param serverCores the server's CPU in cores: its process CPU time over exactly the
 * measured window divided by the window's wall time ({@link ServerProcess.CpuWindow}),
 * NaN if unknown
 * @param serverRssBeforeKiB the server's RSS before the clients connected, -1 if unknown
 * @param serverRssConnectedKiB its RSS once they had connected, before anything was sent
 * @param serverRssKiB its RSS at the end of the measured window
 */
record BenchReport(BenchOptions options, double seconds, long sent, long expected, long received, long orderViolations,
		Histogram latency, double serverCores, long serverRssBeforeKiB, long serverRssConnectedKiB, long serverRssKiB,
		int stalledClosed) {

	void print(PrintStream out) {
		Histogram h = this.latency;
		double loss = (this.expected > 0)
				? 100.0 * (this.expected - Math.min(this.received, this.expected)) / this.expected : 0;
		if (this.options.json()) {
			out.printf(Locale.ROOT,
					"{\"transport\":\"%s\",\"clients\":%d,\"rooms\":%d,\"senders\":%d,\"rate\":%d,\"size\":%d,\"seconds\":%.1f,\"sentPerSecond\":%.0f,"
							+ "\"deliveredPerSecond\":%.0f,\"expected\":%d,\"received\":%d,\"lossPercent\":%.3f,"
							+ "\"orderViolations\":%d,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,"
							+ "\"maxMs\":%.3f,\"serverCpuCores\":%.2f,\"serverRssBeforeMiB\":%d,"
							+ "\"serverRssConnectedMiB\":%d,\"serverRssMiB\":%d,\"stalled\":%d,\"stalledClosed\":%d}%n",
					this.options.transport(), this.options.clients(), this.options.rooms(), this.options.senders(),
					this.options.rate(), this.options.size(), this.seconds, this.sent / this.seconds,
					this.received / this.seconds, this.expected, this.received, loss, this.orderViolations, ms(h, 50),
					ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6, this.serverCores,
					this.serverRssBeforeKiB / 1024, this.serverRssConnectedKiB / 1024, this.serverRssKiB / 1024,
					this.options.stalled(), this.stalledClosed);
			return;
		}
		out.printf("%n%s clients %d%s, senders %d, target %d msg/s, %d-byte messages, %.0f s measured%n",
				this.options.transport().toUpperCase(Locale.ROOT), this.options.clients(),
				(this.options.rooms() > 1) ? " in " + this.options.rooms() + " rooms" : "", this.options.senders(),
				this.options.rate(), this.options.size(), this.seconds);
		out.printf("sent/s        %,12.0f%n", this.sent / this.seconds);
		out.printf("delivered/s   %,12.0f%n", this.received / this.seconds);
		out.printf("expected      %,12d%nreceived      %,12d%nloss          %11.3f%%%n", this.expected, this.received,
				loss);
		out.printf("order violations %,9d%n", this.orderViolations);
		out.printf("latency ms    p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", ms(h, 50), ms(h, 90),
				ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1e6);
		if (!Double.isNaN(this.serverCores)) {
			out.printf("server        %.2f cores, RSS %d MiB (%d before the clients, %d once connected)%n",
					this.serverCores, this.serverRssKiB / 1024, this.serverRssBeforeKiB / 1024,
					this.serverRssConnectedKiB / 1024);
		}
		if (this.options.stalled() > 0) {
			out.printf("stalled       %d of %d closed by the server%n", this.stalledClosed, this.options.stalled());
		}
	}

	/**
	 * The report of {@code --idle}: connections held, and the server's RSS and OS threads
	 * before connecting and after holding them ({@code -1} if unknown).
	 */
	static void printIdle(BenchOptions options, PrintStream out, int connections, long rssBeforeKiB, long rssKiB,
			int threadsBefore, int threads) {
		double perConnection = (double) (rssKiB - rssBeforeKiB) / connections;
		if (options.json()) {
			out.printf(Locale.ROOT,
					"{\"transport\":\"%s\",\"idle\":%d,\"serverRssBeforeMiB\":%d,\"serverRssMiB\":%d,"
							+ "\"rssKiBPerConnection\":%.1f,\"serverThreadsBefore\":%d,\"serverThreads\":%d}%n",
					options.transport(), connections, rssBeforeKiB / 1024, rssKiB / 1024, perConnection, threadsBefore,
					threads);
		}
		else if (rssKiB >= 0) {
			out.printf(
					"%d idle %s connections held; server RSS %d -> %d MiB, %.1f KiB per connection; "
							+ "threads %d -> %d%n",
					connections, options.transport().toUpperCase(Locale.ROOT), rssBeforeKiB / 1024, rssKiB / 1024,
					perConnection, threadsBefore, threads);
		}
		else {
			out.printf("%d idle %s connections held%n", connections, options.transport().toUpperCase(Locale.ROOT));
		}
	}

	private static double ms(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1e6;
	}

}
