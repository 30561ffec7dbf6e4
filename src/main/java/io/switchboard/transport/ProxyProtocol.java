package io.switchboard.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The PROXY protocol (HAProxy's, v1 text and v2 binary) on a stream listener: which
 * versions it takes, and from which peers. A connection from a trusted network must start
 * with a header, read within {@link #HEADER_TIMEOUT}, whose source address becomes the
 * client's; from anywhere else a header is refused, never believed.
 */
public final class ProxyProtocol {

	/** How long a trusted peer has to send its whole header. */
	public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);

	private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

	private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final Mode mode;

	private final List<Network> trusted;

	/**
	 * @param mode the versions taken
	 * @param trusted addresses and networks ({@code 10.0.0.0/8}, {@code 2001:db8::/32},
	 * {@code 192.0.2.7}) whose connections carry a header
	 * @throws IllegalArgumentException naming an entry that is not an address or network
	 */
	public ProxyProtocol(Mode mode, List<String> trusted) {
		this.mode = mode;
		this.trusted = trusted.stream().map(ProxyProtocol::network).toList();
	}

	/**
	 * No PROXY protocol: every header is refused.
	 */
	public static ProxyProtocol off() {
		return new ProxyProtocol(Mode.OFF, List.of());
	}

	public Mode mode() {
		return this.mode;
	}

	/**
	 * Whether a connection from {@code peer} must start with a header.
	 */
	public boolean expectsHeaderFrom(InetAddress peer) {
		return this.mode != Mode.OFF && this.trusted.stream().anyMatch((network) -> network.contains(peer));
	}

	/**
	 * Parse an address literal or a network in CIDR notation; no name is looked up.
	 * @throws IllegalArgumentException if it is neither
	 */
	static Network network(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String host = (slash >= 0) ? trimmed.substring(0, slash) : trimmed;
		InetAddress address = literal(host);
		int bits = address.getAddress().length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String length = trimmed.substring(slash + 1);
			if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
				throw new IllegalArgumentException("not an address or network (CIDR): '" + text + "'");
			}
			prefix = Integer.parseInt(length);
		}
		return new Network(address.getAddress(), prefix);
	}

	private static InetAddress literal(String host) {
		InetAddress address = literal(host, !IPV4.matcher(host).matches());
		if (address == null) {
			throw new IllegalArgumentException("not an address or network (CIDR): '" + host + "'");
		}
		return address;
	}

	/**
	 * Parse an IPv4 ({@code a.b.c.d}, four decimal parts) or IPv6 literal; no name is
	 * looked up. An IPv4-mapped IPv6 literal gives the IPv4 address.
	 * @return null if {@code host} is not such a literal
	 */
	static @Nullable InetAddress literal(String host, boolean v6) {
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

	/**
	 * Which header versions a listener takes ({@code switchboard.tcp.proxy-protocol}).
	 */
	public enum Mode {

		/** No PROXY protocol (the default): headers are refused from everyone. */
		OFF,
		/** The text header only. */
		V1,
		/** The binary header only. */
		V2,
		/** Either. */
		ANY;

		boolean takes(int version) {
			return this == ANY || (this == V1 && version == 1) || (this == V2 && version == 2);
		}

	}

	/**
	 * An address and how many of its leading bits a peer must share.
	 */
	record Network(byte[] address, int prefixLength) {

		boolean contains(InetAddress peer) {
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

	}

}
