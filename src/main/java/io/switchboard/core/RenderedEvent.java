package io.switchboard.core;

import java.util.Arrays;

/**
 * One event on its way to many clients, rendered once per dialect among them (usually one
 * or two), and the same bytes shared by every outbox of that dialect. Used by one fan-out
 * at a time (under its room's lock).
 */
public final class RenderedEvent {

	private final Event event;

	private Dialect[] dialects = new Dialect[2];

	private OutboundLine[] lines = new OutboundLine[2];

	private int size;

	public RenderedEvent(Event event) {
		this.event = event;
	}

	public Event event() {
		return this.event;
	}

	/**
	 * The event in this dialect.
	 */
	public OutboundLine in(Dialect receiver) {
		Dialect dialect = receiver.forBroadcast();
		for (int i = 0; i < this.size; i++) {
			if (this.dialects[i] == dialect) {
				return this.lines[i];
			}
		}
		if (this.size == this.dialects.length) {
			this.dialects = Arrays.copyOf(this.dialects, this.size * 2);
			this.lines = Arrays.copyOf(this.lines, this.size * 2);
		}
		OutboundLine line = dialect.render(this.event);
		this.dialects[this.size] = dialect;
		this.lines[this.size++] = line;
		return line;
	}

}
