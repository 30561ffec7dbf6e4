package io.switchboard.core;

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

	/**
	 * The IP address of a {@link #format formatted} address: {@code ip} of
	 * {@code ip:port} and of {@code [ip]:port}.
	 */
	public static String host(String formatted) {
		int colon = formatted.lastIndexOf(':');
		String host = (colon > 0) ? formatted.substring(0, colon) : formatted;
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

}
