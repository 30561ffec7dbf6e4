package io.switchboard.core;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a session's outbox reports: writes are counted, an overflow cuts the client as a
 * slow consumer, a failed write ends the connection.
 */
final class SessionOutboxEvents implements OutboxListener {

	private static final Log logger = LogFactory.getLog(SessionOutboxEvents.class);

	private final ClientSession session;

	private final SwitchboardMetrics metrics;

	private final SwitchboardMetrics.ProtocolMeters meters;

	/**
	 * Writes with messages left before the next one is timed (the drain's own field: one
	 * drain at a time).
	 */
	private int untimed;

	SessionOutboxEvents(ClientSession session, SwitchboardMetrics metrics) {
		this.session = session;
		this.metrics = metrics;
		this.meters = metrics.meters(session.protocol());
	}

	@Override
	public void written(List<OutboundLine> lines, int bytes) {
		this.session.traffic().written(lines.size(), bytes);
		this.metrics.delivered(this.meters, lines.size(), bytes);
		// Timed from its oldest message (replies have no arrival), one write in a few.
		long received = OutboundLine.firstReceivedNanos(lines);
		if (received != 0 && this.untimed-- == 0) {
			this.untimed = SwitchboardMetrics.TIME_ONE_WRITE_IN - 1;
			this.metrics.deliveryTimed(received);
		}
	}

	@Override
	public void written(OutboundLine line) {
		this.session.traffic().written(1, line.length());
		this.metrics.delivered(this.meters, 1, line.length());
		if (line.receivedNanos() != 0 && this.untimed-- == 0) {
			this.untimed = SwitchboardMetrics.TIME_ONE_WRITE_IN - 1;
			this.metrics.deliveryTimed(line.receivedNanos());
		}
	}

	@Override
	public void overflowed(OutboundLine rejected) {
		if (this.session.outbox().refusedByBudget()) {
			this.metrics.dropped(OutboxBudget.DROPPED);
			this.session.disconnectSlowConsumer("its address's or the server's outboxes past the output budget");
		}
		else {
			this.metrics.dropped(CloseReason.SLOW_CONSUMER.tag());
			this.session.disconnectSlowConsumer("outbox above its hard limit");
		}
	}

	@Override
	public void writeFailed(Exception ex) {
		if (this.session.markClosing(CloseReason.ERROR)) {
			logger.debug("Write to " + this.session + " failed: " + ex);
		}
		this.session.transport().abort();
	}

}
