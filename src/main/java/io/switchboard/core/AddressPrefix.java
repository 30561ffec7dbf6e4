package io.switchboard.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * The network an address belongs to for per-network limits: its IPv4 /24 or its IPv6 /64.
 * One IPv6 host usually has a whole /64 to pick addresses from, so limits by full IPv6
 * address limit nothing.
 */
public final class AddressPrefix {

	private AddressPrefix() {
	}

	/**
	 * The prefix as text, e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1:2::/64}.
	 * @param ip an IP address literal
	 * @return null if {@code ip} is not an address literal
	 */
	public static @Nullable String of(String ip) {
		InetAddress address = parse(ip);
		if (address == null) {
			return null;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
		}
		StringBuilder prefix = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
		}
		return prefix.append(":/64").toString();
	}

	/**
	 * The key per-address rate limits use: the address for IPv4 (an IPv4-mapped IPv6
	 * address is one), its /64 for IPv6.
	 */
	public static String rateKey(String ip) {
		if (ip.indexOf(':') < 0) {
			return ip;
		}
		if (parse(ip) instanceof Inet4Address mapped) {
			return mapped.getHostAddress();
		}
		String prefix = of(ip);
		return (prefix != null) ? prefix : ip;
	}

	static boolean isIpv4(String ip) {
		return ip.indexOf(':') < 0 || parse(ip) instanceof Inet4Address;
	}

	private static @Nullable InetAddress parse(String ip) {
		// Only literals reach here (no name lookup happens for them); anything else is
		// not an address to limit by.
		if (ip.isEmpty() || !(Character.digit(ip.charAt(0), 16) >= 0 || ip.charAt(0) == ':')) {
			return null;
		}
		try {
			return InetAddress.getByName(ip);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
