package io.switchboard.client;

/**
 * How one kind of client is spoken to: renders an {@link Event} into the bytes of one
 * message on its wire (a line, a WebSocket frame, an IRC line). A fan-out renders each
 * event once per dialect in use ({@link RenderedEvent}), not once per member.
 */
public interface Dialect {

	OutboundLine render(Event event);

}
