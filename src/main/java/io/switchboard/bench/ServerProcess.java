package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of the server process, read from {@code /proc} (Linux).
 */
final class ServerProcess {

	/** USER_HZ: the unit of utime and stime in /proc/PID/stat on Linux. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final long pid;

	ServerProcess(long pid) {
		this.pid = pid;
	}

	boolean known() {
		return this.pid > 0 && Files.exists(Path.of("/proc", String.valueOf(this.pid)));
	}

	/**
	 * User plus system CPU seconds used so far.
	 */
	double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(this.pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[11] and [12] are utime and stime (fields 14 and 15 of the whole
			// line)
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * Starts measuring the server's CPU over a window that ends with
	 * {@link CpuWindow#end()}.
	 */
	CpuWindow startCpuWindow() {
		return new CpuWindow(cpuSeconds(), System.nanoTime());
	}

	/**
	 * The server's CPU over one window: its CPU time (utime + stime) read when the window
	 * starts and when it ends, divided by the wall time between the two readings.
	 */
	final class CpuWindow {

		private final double cpuAtStart;

		private final long startNanos;

		private double cores = Double.NaN;

		private CpuWindow(double cpuAtStart, long startNanos) {
			this.cpuAtStart = cpuAtStart;
			this.startNanos = startNanos;
		}

		void end() {
			double cpu = cpuSeconds();
			this.cores = (cpu - this.cpuAtStart) / ((System.nanoTime() - this.startNanos) / 1e9);
		}

		/**
		 * Cores used on average over the window; NaN before {@link #end()} or if the
		 * server is unknown.
		 */
		double cores() {
			return this.cores;
		}

	}

	long rssKiB() {
		return status("VmRSS:");
	}

	/**
	 * The process's live OS threads (platform threads and virtual threads' carriers; a
	 * parked virtual thread is none).
	 */
	int threads() {
		return (int) status("Threads:");
	}

	private long status(String field) {
		try {
			return Files.readAllLines(Path.of("/proc", String.valueOf(this.pid), "status"))
				.stream()
				.filter((line) -> line.startsWith(field))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("\\D", "")))
				.findFirst()
				.orElse(-1);
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
