package io.switchboard.tcp;

import java.time.Duration;

import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import io.switchboard.core.Event;
import io.switchboard.core.Protocol;

/**
 * Sends {@code * ping} to TCP clients that have been silent for the heartbeat interval
 * ({@code switchboard.tcp.heartbeat}), so a peer that vanished without closing is found
 * out by a failing or blocked write.
 */
final class TcpHeartbeat implements Runnable {

	private final ClientRegistry registry;

	private final long intervalMillis;

	private static final Event PING = Event.info("ping");

	TcpHeartbeat(ClientRegistry registry, Duration interval) {
		this.registry = registry;
		this.intervalMillis = interval.toMillis();
	}

	@Override
	public void run() {
		long silentSince = System.currentTimeMillis() - this.intervalMillis;
		for (ClientSession session : this.registry.all()) {
			if (session.protocol().equals(Protocol.TCP) && !session.isClosing()
					&& session.traffic().lastActiveMillis() <= silentSince) {
				session.send(PING);
			}
		}
	}

}
