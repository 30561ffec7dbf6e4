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
