package io.switchboard.core;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Disconnects slow consumers that the outbox cannot judge on its own: a client whose
 * socket write has been blocked longer than {@code switchboard.client.write-timeout} (a
 * blocking socket write has no timeout of its own, and a reader that stopped reading
 * would otherwise hold its writer forever), and one whose outbox has stayed above its
 * soft limit longer than {@code outbox-soft-seconds}.
 */
public final class SlowConsumerWatchdog implements Runnable {

	private static final Log logger = LogFactory.getLog(SlowConsumerWatchdog.class);

	private final ClientRegistry registry;

	private final long writeTimeoutNanos;

	private final long softLimitNanos;

	public SlowConsumerWatchdog(ClientRegistry registry, Duration writeTimeout, Duration softLimitTime) {
		this.registry = registry;
		this.writeTimeoutNanos = writeTimeout.toNanos();
		this.softLimitNanos = softLimitTime.toNanos();
	}

	@Override
	public void run() {
		long now = System.nanoTime();
		for (ClientSession session : this.registry.all()) {
			try {
				if (session.outbox().writeBlockedNanos(now) > this.writeTimeoutNanos) {
					logger.info("Disconnecting slow consumer " + session + ": write blocked longer than "
							+ Duration.ofNanos(this.writeTimeoutNanos));
					session.abort(CloseReason.SLOW_CONSUMER);
				}
				else if (session.outbox().overSoftLimitNanos(now) > this.softLimitNanos) {
					session.disconnectSlowConsumer(
							"outbox above its soft limit for " + Duration.ofNanos(this.softLimitNanos));
				}
				else {
					session.outbox().releaseIfIdle();
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
