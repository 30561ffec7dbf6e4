package io.switchboard.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPrefixTests {

	@Test
	void anIpv4MappedAddressIsLimitedAsTheIpv4AddressItIs() {
		assertThat(AddressPrefix.rateKey("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
		assertThat(AddressPrefix.isIpv4("::ffff:192.0.2.1")).isTrue();
		assertThat(AddressPrefix.of("::ffff:192.0.2.1")).isEqualTo("192.0.2.0/24");
		assertThat(AddressPrefix.isIpv4("2001:db8::1")).isFalse();
		assertThat(AddressPrefix.rateKey("2001:db8:1:2::7")).isEqualTo("2001:db8:1:2::/64");
	}

}
