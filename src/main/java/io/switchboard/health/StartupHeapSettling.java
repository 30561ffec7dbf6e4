package io.switchboard.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * One full collection at the end of start-up, once every bean is made and before any
 * listener opens: what start-up leaves alive (the application context, caches, metadata)
 * is compacted into the old generation once. Without it G1 keeps those ten or so
 * megabytes in its survivor spaces and copies them at every young collection until they
 * are old enough to be promoted (fifteen collections), which under load made each pause
 * of the first half minute 15–20 ms instead of 2 ms (measured at 500k deliveries/s,
 * docs/bench/history.md, "The lean I/O core"). The collection takes tens of milliseconds
 * before any chat client is served. A JVM run with {@code -XX:+DisableExplicitGC} skips
 * it.
 */
final class StartupHeapSettling implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StartupHeapSettling.class);

	private volatile boolean running;

	@Override
	public void start() {
		this.running = true;
		long started = System.nanoTime();
		System.gc();
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		logger.info("Start-up heap settled in " + (System.nanoTime() - started) / 1_000_000 + " ms: "
				+ heap.getUsed() / (1024 * 1024) + " MiB in use");
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The first phase: each door's flow starts its listener with itself, early (at
	 * {@code Integer.MIN_VALUE + 1000}), whatever the listener's own phase.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
