package io.switchboard.core;

import java.net.InetAddress;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Issue 31, break 8: a ban of one IPv6 address covers its /64 (by default), as
 * per-address limits count it; IPv4, and IPv4-mapped IPv6, stay one address.
 */
class AddressBanTests {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	@Test
	void anIpv6AddressBanCoversItsSlash64() throws Exception {
		Ban ban = Ban.ofAddress("2001:db8:1:2::7", 64, "spam", "operator", "1h", NOW);
		assertThat(ban.kind()).isEqualTo(Ban.Kind.CIDR);
		assertThat(ban.value()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ban.matches(InetAddress.getByName("2001:db8:1:2::7"), null, null)).isTrue();
		assertThat(ban.matches(InetAddress.getByName("2001:db8:1:2::8"), null, null)).as("the neighbour").isTrue();
		assertThat(ban.matches(InetAddress.getByName("2001:db8:1:2:ffff:ffff:ffff:ffff"), null, null)).isTrue();
		assertThat(ban.matches(InetAddress.getByName("2001:db8:1:3::7"), null, null)).as("the next /64").isFalse();
		assertThat(ban.matches(InetAddress.getByName("203.0.113.7"), null, null)).isFalse();
	}

	@Test
	void thePrefixLengthIsASettingAnd128KeepsItToTheAddress() throws Exception {
		Ban wide = Ban.ofAddress("2001:db8:1:2::7", 48, null, "operator", null, NOW);
		assertThat(wide.value()).isEqualTo("2001:db8:1:0:0:0:0:0/48");
		assertThat(wide.matches(InetAddress.getByName("2001:db8:1:ff::1"), null, null)).isTrue();
		Ban one = Ban.ofAddress("2001:db8:1:2::7", 128, null, "operator", null, NOW);
		assertThat(one.kind()).isEqualTo(Ban.Kind.IP);
		assertThat(one.matches(InetAddress.getByName("2001:db8:1:2::8"), null, null)).isFalse();
	}

	@Test
	void anIpv4BanIsOfTheAddressAndAnIpv4MappedOneIsIpv4() throws Exception {
		Ban v4 = Ban.ofAddress("203.0.113.7", 64, null, "operator", null, NOW);
		assertThat(v4.kind()).isEqualTo(Ban.Kind.IP);
		assertThat(v4.value()).isEqualTo("203.0.113.7");
		assertThat(v4.matches(InetAddress.getByName("203.0.113.8"), null, null)).isFalse();
		Ban mapped = Ban.ofAddress("::ffff:203.0.113.9", 64, null, "operator", null, NOW);
		assertThat(mapped.kind()).isEqualTo(Ban.Kind.IP);
		assertThat(mapped.value()).isEqualTo("203.0.113.9");
		assertThat(mapped.matches(InetAddress.getByName("203.0.113.9"), null, null)).isTrue();
		assertThat(mapped.matches(InetAddress.getByName("::ffff:203.0.113.9"), null, null)).isTrue();
	}

	@Test
	void anIpv4MappedNetworkIsTheIpv4Network() throws Exception {
		assertThat(IpNetwork.parse("::ffff:203.0.113.0/120")).hasToString("203.0.113.0/24");
		Ban network = Ban.of(Ban.Kind.CIDR, "::ffff:203.0.113.0/120", null, "operator", null, NOW);
		assertThat(network.matches(InetAddress.getByName("203.0.113.200"), null, null)).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> IpNetwork.parse("::ffff:203.0.113.0/95"));
		assertThatIllegalArgumentException().isThrownBy(() -> IpNetwork.parse("::ffff:203.0.113.0/129"));
	}

	@Test
	void aNetworkIsNoAddressToBan() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Ban.ofAddress("2001:db8::/64", 64, null, "operator", null, NOW))
			.withMessageContaining("use cidr");
	}

}
