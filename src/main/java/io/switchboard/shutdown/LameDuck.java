package io.switchboard.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Event;

/**
 * The lame-duck phase of shutdown: with readiness already down, clients are told and
 * closed one at a time, oldest first, spread evenly over {@code switchboard.shutdown.
 * lame-duck}, so they reconnect to the other nodes a few at a time instead of all at the
 * same instant.
 * <p>
 * Meanwhile the hub keeps working: rooms, messages and new connections. A load balancer
 * may still send a few newcomers in the first seconds after readiness went down; they are
 * served like everyone else and, being the youngest, closed last. Refusing them would
 * cost them the same reconnect, only sooner and with an error line.
 */
class LameDuck {

	static final Event SHUTTING_DOWN = Event.info("server shutting down");

	private final ClientRegistry registry;

	private final Duration window;

	LameDuck(ClientRegistry registry, Duration window) {
		this.registry = registry;
		this.window = window;
	}

	/**
	 * Close every client in connection order over the window, returning when all are
	 * closing or the window is over (whoever is left is closed by the rest of the
	 * shutdown).
	 * @return how many clients this closed
	 */
	int run() {
		long end = System.nanoTime() + this.window.toNanos();
		int closed = 0;
		List<ClientSession> queue = open();
		while (!queue.isEmpty()) {
			for (int i = 0; i < queue.size(); i++) {
				ClientSession session = queue.get(i);
				if (!isOpen(session)) {
					continue; // left by itself: its slot goes to the others
				}
				long now = System.nanoTime();
				if (now - end >= 0) {
					return closed;
				}
				session.close(CloseReason.SHUTDOWN, SHUTTING_DOWN);
				closed++;
				// The time left shared among those left: evenly spaced when nobody comes
				// or goes, and never later than planned when this thread runs late.
				int left = queue.size() - i - 1;
				if (left > 0) {
					parkUntil(now + (end - now) / (left + 1));
				}
			}
			// Whoever connected since the list was taken is younger than all on it.
			queue = open();
		}
		return closed;
	}

	private List<ClientSession> open() {
		return this.registry.listing().stream().filter(this::isOpen).toList();
	}

	private boolean isOpen(ClientSession session) {
		return !session.isClosing() && this.registry.find(session.id()) == session;
	}

	private static void parkUntil(long deadline) {
		for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
			LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
		}
	}

}
