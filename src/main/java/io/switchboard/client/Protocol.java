package io.switchboard.client;

import java.util.Locale;

/**
 * The transport a client reached the server by.
 */
public enum Protocol {

	TCP, UDP,

	/** A Unix domain stream socket ({@code switchboard.unix.stream-path}). */
	UNIX_STREAM,

	/** A Unix domain datagram socket ({@code switchboard.unix.datagram-path}). */
	UNIX_DATAGRAM;

	/**
	 * Whether other clients may see this client's address ({@code ip:port}) when it has
	 * no nick. Not for UDP: a UDP source address can be forged, so it is exactly what an
	 * impersonator needs; a UDP member is shown by its id ({@code udp-7}) instead. A TCP
	 * address cannot be forged (the handshake needs the real one), and a Unix client's
	 * "address" is only a counter.
	 */
	public boolean showsAddress() {
		return this != UDP;
	}

	/**
	 * The lower-case name used in JSON and metric tags.
	 * @return e.g. {@code tcp}, {@code unix-stream}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
