package io.switchboard.client;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Disconnects clients whose socket write has been blocked longer than
 * {@code switchboard.client.write-timeout}: a blocking socket write has no timeout of its
 * own, and a reader that stopped reading would otherwise hold its writer forever.
 */
public final class WriteWatchdog implements Runnable {

	private static final Log logger = LogFactory.getLog(WriteWatchdog.class);

	private final ClientRegistry registry;

	private final long timeoutNanos;

	public WriteWatchdog(ClientRegistry registry, Duration writeTimeout) {
		this.registry = registry;
		this.timeoutNanos = writeTimeout.toNanos();
	}

	@Override
	public void run() {
		long now = System.nanoTime();
		for (ClientSession session : this.registry.all()) {
			try {
				if (session.writeBlockedNanos(now) > this.timeoutNanos) {
					logger.info("Disconnecting slow consumer " + session + ": write blocked longer than "
							+ Duration.ofNanos(this.timeoutNanos));
					session.abort(CloseReason.SLOW_CONSUMER);
				}
			}
			catch (RuntimeException ex) {
				// A scheduled task that throws is never run again; keep watching the
				// others.
				logger.warn("Could not disconnect " + session, ex);
			}
		}
	}

}
