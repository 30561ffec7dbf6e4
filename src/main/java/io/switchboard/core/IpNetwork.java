package io.switchboard.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IP address or a network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32},
 * {@code 192.0.2.7}), parsed without any name lookup: the PROXY protocol's trusted peers
 * and IP bans both match peers with it.
 *
 * @param address the network's address, its host bits cleared
 * @param prefixLength how many leading bits a peer must share
 */
public record IpNetwork(byte[] address, int prefixLength) {

	private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

	private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	public IpNetwork {
		address = address.clone();
		int whole = prefixLength / 8;
		for (int i = whole; i < address.length; i++) {
			int keep = (i == whole) ? (0xff << (8 - prefixLength % 8)) & 0xff : 0;
			address[i] = (byte) (address[i] & keep);
		}
	}

	/**
	 * Parse an address literal or a network in CIDR notation; no name is looked up.
	 * @throws IllegalArgumentException if it is neither
	 */
	public static IpNetwork parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String host = (slash >= 0) ? trimmed.substring(0, slash) : trimmed;
		InetAddress address = literal(host);
		if (address == null) {
			throw new IllegalArgumentException("not an address or network (CIDR): '" + host + "'");
		}
		int bits = address.getAddress().length * 8;
		// An IPv4-mapped IPv6 network (::ffff:192.0.2.0/120) is the IPv4 one (/24): an
		// address written either way is one address.
		int mapped = (bits == 32 && host.indexOf(':') >= 0) ? 96 : 0;
		int prefix = bits;
		if (slash >= 0) {
			String length = trimmed.substring(slash + 1);
			if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits + mapped
					|| Integer.parseInt(length) < mapped) {
				throw new IllegalArgumentException("not an address or network (CIDR): '" + text + "'");
			}
			prefix = Integer.parseInt(length) - mapped;
		}
		return new IpNetwork(address.getAddress(), prefix);
	}

	/**
	 * Parse an IPv4 ({@code a.b.c.d}) or IPv6 literal, whichever it looks like.
	 * @return null if {@code host} is neither
	 */
	public static @Nullable InetAddress literal(String host) {
		return literal(host, !IPV4.matcher(host).matches());
	}

	/**
	 * Parse an IPv4 ({@code a.b.c.d}, four decimal parts) or IPv6 literal; no name is
	 * looked up. An IPv4-mapped IPv6 literal gives the IPv4 address.
	 * @return null if {@code host} is not such a literal
	 */
	public static @Nullable InetAddress literal(String host, boolean v6) {
		if (!(v6 ? IPV6 : IPV4).matcher(host).matches()) {
			return null;
		}
		try {
			// Only digits, dots and colons: parsed as a literal, never looked up.
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	public boolean contains(InetAddress peer) {
		byte[] candidate = peer.getAddress();
		if (candidate.length != this.address.length) {
			return false;
		}
		int whole = this.prefixLength / 8;
		for (int i = 0; i < whole; i++) {
			if (candidate[i] != this.address[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (candidate[whole] & mask) == (this.address[whole] & mask);
	}

	/**
	 * Whether it is a single address (a /32 or /128).
	 */
	public boolean isAddress() {
		return this.prefixLength == this.address.length * 8;
	}

	/**
	 * The network's address as text: {@code 10.0.0.0} of {@code 10.0.0.0/8}.
	 */
	public String host() {
		try {
			return InetAddress.getByAddress(this.address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex); // cannot happen: 4 or 16 bytes
		}
	}

	/**
	 * The canonical CIDR text, e.g. {@code 10.0.0.0/8}.
	 */
	@Override
	public String toString() {
		return host() + "/" + this.prefixLength;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof IpNetwork network && network.prefixLength == this.prefixLength
				&& Arrays.equals(network.address, this.address);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.address) + this.prefixLength;
	}

}
