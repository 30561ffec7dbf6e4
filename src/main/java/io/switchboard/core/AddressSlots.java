package io.switchboard.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Connection slots per IP address and per network (IPv4 /24, IPv6 /64), so that neither
 * one host nor one network can take every slot of the server.
 */
final class AddressSlots {

	private final int perIp;

	private final int perIpv4Prefix;

	private final int perIpv6Prefix;

	private final Map<String, Integer> counts = new ConcurrentHashMap<>();

	/**
	 * Limits; 0 = unlimited.
	 */
	AddressSlots(int perIp, int perIpv4Prefix, int perIpv6Prefix) {
		this.perIp = perIp;
		this.perIpv4Prefix = perIpv4Prefix;
		this.perIpv6Prefix = perIpv6Prefix;
	}

	/**
	 * Take a slot for the address and one for its network.
	 * @return null if taken, else why not ({@link CloseReason#IP_LIMIT} or
	 * {@link CloseReason#PREFIX_LIMIT})
	 */
	@Nullable CloseReason take(String ip) {
		if (!take(ip, this.perIp)) {
			return CloseReason.IP_LIMIT;
		}
		String prefix = AddressPrefix.of(ip);
		if (prefix != null && !take(prefix, prefixLimit(ip))) {
			release(ip, this.perIp);
			return CloseReason.PREFIX_LIMIT;
		}
		return null;
	}

	void release(String ip) {
		release(ip, this.perIp);
		String prefix = AddressPrefix.of(ip);
		if (prefix != null) {
			release(prefix, prefixLimit(ip));
		}
	}

	int perIp() {
		return this.perIp;
	}

	/**
	 * The network limit that applies to an address.
	 */
	int prefixLimit(String ip) {
		return AddressPrefix.isIpv4(ip) ? this.perIpv4Prefix : this.perIpv6Prefix;
	}

	private boolean take(String key, int limit) {
		if (limit <= 0) {
			return true;
		}
		boolean[] taken = new boolean[1];
		this.counts.compute(key, (k, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= limit) {
				return count;
			}
			taken[0] = true;
			return current + 1;
		});
		return taken[0];
	}

	private void release(String key, int limit) {
		if (limit > 0) {
			this.counts.computeIfPresent(key, (k, count) -> (count > 1) ? count - 1 : null);
		}
	}

}
