package io.switchboard.client;

import java.util.ArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The drains a fan-out starts, handed to each event loop as one task when the fan-out
 * ends, instead of one task per receiver: a room of a hundred members on two loops costs
 * two hand-overs per line, not a hundred (a hand-over to a loop is a contended queue
 * offer, and a wake-up if the loop sleeps). Only outboxes that drain on an event loop are
 * batched; blocking drains each keep a thread of their own. Batches nest: the outermost
 * hands over.
 * <p>
 * Usage: {@code try (DrainBatch batch = DrainBatch.open()) { ...offers... }}.
 */
public final class DrainBatch implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DrainBatch.class);

	// Kept per thread for reuse: a fan-out allocates only the tasks it hands over.
	private static final ThreadLocal<DrainBatch> CURRENT = new ThreadLocal<>();

	/** The event loops drains were deferred to, in first-seen order, and their drains. */
	private final ArrayList<Executor> loops = new ArrayList<>(4);

	private final ArrayList<ArrayList<Runnable>> drains = new ArrayList<>(4);

	private int depth;

	private DrainBatch() {
	}

	/**
	 * Start deferring this thread's event-loop drains until {@link #close}.
	 */
	public static DrainBatch open() {
		DrainBatch batch = CURRENT.get();
		if (batch == null) {
			batch = new DrainBatch();
			CURRENT.set(batch);
		}
		batch.depth++;
		return batch;
	}

	/**
	 * Defer a drain to the end of this thread's open batch.
	 * @return false if no batch is open (the caller hands it over itself)
	 */
	static boolean defer(Executor loop, Runnable drain) {
		DrainBatch batch = CURRENT.get();
		if (batch == null || batch.depth == 0) {
			return false;
		}
		batch.drainsOn(loop).add(drain);
		return true;
	}

	private ArrayList<Runnable> drainsOn(Executor loop) {
		for (int i = 0; i < this.loops.size(); i++) {
			if (this.loops.get(i) == loop) {
				return this.drains.get(i);
			}
		}
		this.loops.add(loop);
		ArrayList<Runnable> list = new ArrayList<>();
		this.drains.add(list);
		return list;
	}

	/**
	 * Hand each loop its deferred drains as one task (at the outermost close).
	 */
	@Override
	public void close() {
		if (--this.depth > 0 || this.loops.isEmpty()) {
			return;
		}
		for (int i = 0; i < this.loops.size(); i++) {
			handOver(this.loops.get(i), this.drains.get(i));
		}
		this.loops.clear();
		this.drains.clear();
	}

	private static void handOver(Executor loop, ArrayList<Runnable> drains) {
		try {
			loop.execute((drains.size() == 1) ? drains.getFirst() : () -> runAll(drains));
		}
		catch (RejectedExecutionException ex) {
			// The loop has shut down with its connections: their outboxes have nobody
			// left to write to.
			logger.debug("Event loop gone, " + drains.size() + " drain(s) dropped: " + ex);
		}
	}

	private static void runAll(ArrayList<Runnable> drains) {
		for (Runnable drain : drains) {
			try {
				drain.run();
			}
			catch (RuntimeException ex) {
				// A drain handles its own write failures; this is a bug, but it must not
				// cost the other receivers their lines.
				logger.error("Drain failed", ex);
			}
		}
	}

}
