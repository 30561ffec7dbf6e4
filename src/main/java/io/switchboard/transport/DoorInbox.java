package io.switchboard.transport;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A connection's items for its door (the open, frames, the end), queued in order by the
 * event loop and handed over one at a time by a thread that exists only while there are
 * some, or taken on the event loop itself when the door does not wait on them. Too many
 * waiting pause reading until the door has caught up. A superclass rather than a field of
 * its own, so an idle connection pays no object for it.
 */
abstract class DoorInbox {

	private static final Log logger = LogFactory.getLog(DoorInbox.class);

	/** Queued items at which reading pauses until the door has taken them. */
	private static final int PAUSE_READING_AT = 64;

	/** Items for the door, null when there are none (no list held while idle). */
	private @Nullable List<Runnable> inbox;

	private boolean handing;

	private boolean paused;

	/**
	 * Queue an item for the door; a virtual thread hands the queue over if none is.
	 */
	void hand(Runnable item) {
		boolean start;
		synchronized (this) {
			if (this.inbox == null) {
				this.inbox = new ArrayList<>(4);
			}
			this.inbox.add(item);
			if (this.inbox.size() >= PAUSE_READING_AT && !this.paused) {
				this.paused = true;
				readingPaused(true);
			}
			start = !this.handing;
			this.handing = true;
		}
		if (start) {
			startHandOver(this::handOver);
		}
	}

	/**
	 * Hand an item to the door on this thread (the event loop) if nothing of the
	 * connection's is queued or being handed over, else queue it behind those. What is
	 * queued while it runs (the connection's close, if the door closed it) waits for it,
	 * then a virtual thread hands that over.
	 */
	void handHere(Runnable item) {
		boolean here;
		synchronized (this) {
			here = !this.handing;
			this.handing = true;
		}
		if (!here) {
			hand(item);
			return;
		}
		take(item);
		boolean more;
		synchronized (this) {
			more = this.inbox != null;
			this.handing = more;
		}
		if (more) {
			startHandOver(this::handOver);
		}
	}

	private void handOver() {
		while (true) {
			List<Runnable> items;
			boolean resume;
			synchronized (this) {
				items = this.inbox;
				this.inbox = null;
				resume = this.paused && items == null;
				if (items == null) {
					this.handing = false;
					this.paused = false;
				}
			}
			if (resume) {
				readingPaused(false);
			}
			if (items == null) {
				return;
			}
			items.forEach(this::take);
		}
	}

	private void take(Runnable item) {
		try {
			item.run();
		}
		catch (RuntimeException ex) {
			logger.error("Connection " + this + ": its door failed", ex);
		}
	}

	/**
	 * Whether items are being handed over now (or one is being taken on the event loop).
	 */
	synchronized boolean isHanding() {
		return this.handing;
	}

	/**
	 * Stop or resume reading the connection's socket.
	 */
	protected abstract void readingPaused(boolean paused);

	/**
	 * Run the hand-over on a thread of its own.
	 */
	protected abstract void startHandOver(Runnable handOver);

}
