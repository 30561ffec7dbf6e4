package io.switchboard.hub;

import io.switchboard.client.ClientSession;
import io.switchboard.client.CloseReason;
import io.switchboard.client.Event;
import io.switchboard.client.SwitchboardMetrics;

/**
 * What a message must pass before the hub reads it: a stream's first message must not be
 * another protocol (HTTP, TLS) knocking on the chat port, and every message must be
 * within the sender's flood allowance.
 */
final class InboundGate {

	private static final Event SLOW_DOWN = Event.failure("slow down");

	private static final Event FLOODING = Event.failure("flooding, disconnected");

	private final SwitchboardMetrics metrics;

	InboundGate(SwitchboardMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * @return true if the message goes on to the hub; false if it was refused (the sender
	 * has been told, or closed)
	 */
	boolean pass(ClientSession session, byte[] message) {
		if (session.takeFirstMessage() && session.protocol().isStream()) {
			ForeignProtocol foreign = ForeignProtocol.recognise(message);
			if (foreign != null) {
				// Closed with FIN like a too-long line; what it sends meanwhile is
				// ignored.
				session.close(CloseReason.NOT_CHAT, foreign.answer());
				return false;
			}
		}
		switch (session.admitMessage(message.length)) {
			case PASS -> {
				return true;
			}
			case REFUSE -> this.metrics.dropped(CloseReason.FLOOD.tag());
			case REFUSE_AND_WARN -> {
				this.metrics.dropped(CloseReason.FLOOD.tag());
				session.send(SLOW_DOWN);
			}
			case DISCONNECT -> {
				this.metrics.dropped(CloseReason.FLOOD.tag());
				session.close(CloseReason.FLOOD, FLOODING);
			}
		}
		return false;
	}

}
