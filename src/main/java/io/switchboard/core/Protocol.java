package io.switchboard.core;

import java.util.Locale;

/**
 * The transport a client reached the server by: an open value, so that a new front door
 * names its own ({@code Protocol.of("websocket", Kind.STREAM)}) without touching this
 * class; its meters are created when its first client comes.
 */
public final class Protocol {

	public static final Protocol TCP = of("tcp", Kind.STREAM);

	/**
	 * UDP members' addresses are never shown to others: a UDP source address can be
	 * forged, so it is exactly what an impersonator needs; a UDP member is shown by its
	 * id ({@code udp-7}) instead.
	 */
	public static final Protocol UDP = new Protocol("udp", Kind.DATAGRAM, false);

	/** A Unix domain stream socket ({@code switchboard.unix.stream-path}). */
	public static final Protocol UNIX_STREAM = of("unix-stream", Kind.STREAM);

	/** A Unix domain datagram socket ({@code switchboard.unix.datagram-path}). */
	public static final Protocol UNIX_DATAGRAM = of("unix-datagram", Kind.DATAGRAM);

	private final String tag;

	private final Kind kind;

	private final boolean showsAddress;

	private final boolean guestNamed;

	private Protocol(String tag, Kind kind, boolean showsAddress) {
		this(tag, kind, showsAddress, false);
	}

	private Protocol(String tag, Kind kind, boolean showsAddress, boolean guestNamed) {
		if (!tag.matches("[a-z][a-z0-9-]*")) {
			throw new IllegalArgumentException("A protocol's name is lower case, digits and dashes: " + tag);
		}
		this.tag = tag;
		this.kind = kind;
		this.showsAddress = showsAddress;
		this.guestNamed = guestNamed;
	}

	/**
	 * A protocol whose clients' addresses others may see when they have no nick (a TCP
	 * address cannot be forged: the handshake needs the real one).
	 * @param tag the lower-case name used in ids, JSON and metric tags
	 */
	public static Protocol of(String tag, Kind kind) {
		return new Protocol(tag, kind, true);
	}

	/**
	 * A protocol whose clients without a nick are shown by a guest name
	 * ({@code guest-17}) whatever {@code switchboard.anonymous-names} says: a browser's
	 * address ({@code 0:0:0:0:0:0:0:1:50534}) tells its people nothing.
	 */
	public static Protocol guestNamed(String tag, Kind kind) {
		return new Protocol(tag, kind, false, true);
	}

	/**
	 * Whether clients without a nick are always shown by a guest name.
	 */
	public boolean guestNamed() {
		return this.guestNamed;
	}

	/**
	 * Whether other clients may see this client's address ({@code ip:port}) when it has
	 * no nick.
	 */
	public boolean showsAddress() {
		return this.showsAddress;
	}

	/**
	 * Whether clients come over a raw byte stream, whose first bytes may be another
	 * protocol (HTTP, TLS) knocking on the wrong port.
	 */
	public boolean isStream() {
		return this.kind == Kind.STREAM;
	}

	/**
	 * The lower-case name used in ids, JSON and metric tags.
	 * @return e.g. {@code tcp}, {@code unix-stream}
	 */
	public String tag() {
		return this.tag;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Protocol protocol && protocol.tag.equals(this.tag);
	}

	@Override
	public int hashCode() {
		return this.tag.hashCode();
	}

	@Override
	public String toString() {
		return this.tag.toUpperCase(Locale.ROOT);
	}

	/**
	 * How a protocol carries messages.
	 */
	public enum Kind {

		/** A connection: frames cut from a byte stream, closed with FIN. */
		STREAM,
		/** One message per datagram; membership is a table entry. */
		DATAGRAM,
		/**
		 * A connection whose own protocol frames the messages (WebSocket): no line
		 * framing, and its first message cannot be another protocol knocking.
		 */
		MESSAGES

	}

}
