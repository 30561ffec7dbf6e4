package io.switchboard.core;

import java.util.List;

/**
 * How one kind of client is spoken to: renders an {@link Event} into the bytes of one
 * message on its wire (a line, a WebSocket frame, an IRC line). A fan-out renders each
 * event once per dialect in use ({@link RenderedEvent}), not once per member.
 */
public interface Dialect {

	OutboundLine render(Event event);

	/**
	 * Whether its clients are in several rooms at once ({@code /join} adds a room,
	 * {@code /part} leaves one) rather than in one that {@code /join} replaces.
	 */
	default boolean multiRoom() {
		return false;
	}

	/**
	 * How a client of this dialect renews a token that is about to expire, as the warning
	 * tells it: {@code /auth NEW-TOKEN} on the doors that read the line protocol.
	 */
	default String renewToken() {
		return "/auth NEW-TOKEN";
	}

	/**
	 * Whether its clients start in no room and may leave every room (IRC: a client joins
	 * channels when it chooses), rather than starting in the default room, greeted.
	 */
	default boolean startsInNoRoom() {
		return false;
	}

	/**
	 * Whether its clients are shown others' joins and leaves even when
	 * {@code switchboard.announce-presence} is off (an IRC client keeps its channels'
	 * member lists from them).
	 */
	default boolean wantsPresence() {
		return false;
	}

	/**
	 * The dialect that renders events sent to many clients at once. A dialect that
	 * renders replies per client (with the receiver's nick in them) shares one for
	 * broadcasts, so a room's line is still rendered once for all its clients.
	 */
	default Dialect forBroadcast() {
		return this;
	}

	/**
	 * Whether this client was already told what the event says, as far as its wire can
	 * tell: IRC's {@code NICK} and {@code QUIT} name no channel, so one client sharing
	 * several rooms with another hears of its nick change or quit once, not once per
	 * room. Asked per receiver of a room's event, before it is queued.
	 */
	default boolean repeats(Event event) {
		return false;
	}

	/**
	 * An event as the messages it takes on this wire: one for most events, several for a
	 * {@link Event.History} where a message is one line (header, lines, end).
	 */
	default List<OutboundLine> renderAll(Event event) {
		return List.of(render(event));
	}

}
