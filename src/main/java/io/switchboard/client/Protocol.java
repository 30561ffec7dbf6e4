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
	 * The lower-case name used in JSON and metric tags.
	 * @return e.g. {@code tcp}, {@code unix-stream}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
