package io.switchboard.client;

import java.net.InetAddress;

/**
 * How a peer's address is shown in chat lines and listings.
 */
public final class RemoteAddress {

	private RemoteAddress() {
	}

	/**
	 * {@code ip:port}, or {@code [ip]:port} for IPv6.
	 */
	public static String format(InetAddress address, int port) {
		String host = address.getHostAddress();
		return ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + ":" + port;
	}

}
