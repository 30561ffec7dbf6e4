package io.switchboard.client;

import java.util.Locale;

/**
 * The transport a client reached the server by.
 */
public enum Protocol {

	TCP, UDP;

	/**
	 * The lower-case name used in JSON and metric tags.
	 * @return e.g. {@code tcp}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
