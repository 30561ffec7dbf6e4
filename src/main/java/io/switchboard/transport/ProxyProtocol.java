package io.switchboard.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.switchboard.core.IpNetwork;
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

	private final Mode mode;

	private final List<IpNetwork> trusted;

	/**
	 * @param mode the versions taken
	 * @param trusted addresses and networks ({@code 10.0.0.0/8}, {@code 2001:db8::/32},
	 * {@code 192.0.2.7}) whose connections carry a header
	 * @throws IllegalArgumentException naming an entry that is not an address or network
	 */
	public ProxyProtocol(Mode mode, List<String> trusted) {
		this.mode = mode;
		this.trusted = trusted.stream().map(IpNetwork::parse).toList();
	}

	/**
	 * A door's PROXY protocol settings, checked as start-up checks them: every trusted
	 * entry an address or network, and some trusted peer when headers are taken.
	 * @param settings the door's settings prefix ({@code switchboard.tcp}), which a
	 * refusal names with {@code .proxy-trusted}
	 * @throws IllegalArgumentException naming the setting to change
	 */
	public static ProxyProtocol configured(String settings, Mode mode, List<String> trusted) {
		ProxyProtocol proxy;
		try {
			proxy = new ProxyProtocol(mode, trusted);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(settings + ".proxy-trusted: " + ex.getMessage());
		}
		if (mode != Mode.OFF && trusted.isEmpty()) {
			throw new IllegalArgumentException(
					settings + ".proxy-trusted must list the proxies' addresses " + "(e.g. 10.0.0.0/8) when " + settings
							+ ".proxy-protocol is " + mode.name().toLowerCase(Locale.ROOT));
		}
		return proxy;
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
	 * Parse an IPv4 or IPv6 literal; no name is looked up.
	 * @return null if {@code host} is not such a literal
	 */
	static @Nullable InetAddress literal(String host, boolean v6) {
		return IpNetwork.literal(host, v6);
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

}
