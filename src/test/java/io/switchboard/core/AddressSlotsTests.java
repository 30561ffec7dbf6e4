package io.switchboard.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressSlotsTests {

	@Test
	void prefixesAreTheIpv4Slash24AndTheIpv6Slash64() {
		assertThat(AddressPrefix.of("203.0.113.77")).isEqualTo("203.0.113.0/24");
		assertThat(AddressPrefix.of("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
		assertThat(AddressPrefix.of("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
		assertThat(AddressPrefix.of("not-an-address")).isNull();
	}

	@Test
	void rateLimitsKeyIpv6ByItsSlash64() {
		assertThat(AddressPrefix.rateKey("2001:db8:1:2::7")).isEqualTo(AddressPrefix.rateKey("2001:db8:1:2::8"));
		assertThat(AddressPrefix.rateKey("192.0.2.1")).isNotEqualTo(AddressPrefix.rateKey("192.0.2.2"));
	}

	@Test
	void oneIpv6HostCannotTakeMoreSlotsByChangingItsAddress() {
		AddressSlots slots = new AddressSlots(64, 256, 3);
		for (int i = 1; i <= 3; i++) {
			assertThat(slots.take("2001:db8:1:2::" + i)).isNull();
		}
		assertThat(slots.take("2001:db8:1:2::99")).isEqualTo(CloseReason.PREFIX_LIMIT);
		assertThat(slots.take("2001:db8:1:3::1")).as("another /64").isNull();
		slots.release("2001:db8:1:2::1");
		assertThat(slots.take("2001:db8:1:2::99")).isNull();
	}

	@Test
	void aRefusalByNetworkGivesTheAddressSlotBack() {
		AddressSlots slots = new AddressSlots(1, 1, 0);
		assertThat(slots.take("192.0.2.1")).isNull();
		assertThat(slots.take("192.0.2.2")).isEqualTo(CloseReason.PREFIX_LIMIT);
		slots.release("192.0.2.1");
		assertThat(slots.take("192.0.2.2")).as("its address slot was not kept").isNull();
	}

}
