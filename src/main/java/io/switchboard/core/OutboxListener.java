package io.switchboard.core;

import java.util.List;

/**
 * What a {@link ClientOutbox} tells its owner.
 */
interface OutboxListener {

	/** A write of these lines went to the transport (on the drainer). */
	void written(List<OutboundLine> lines, int bytes);

	/** A write of this one line went to the transport (on the drainer). */
	default void written(OutboundLine line) {
		written(List.of(line), line.length());
	}

	/** A line did not fit under the hard limit (on the offering thread). */
	void overflowed(OutboundLine rejected);

	/** A write failed: the outbox is closed and its lines dropped. */
	void writeFailed(Exception ex);

}
