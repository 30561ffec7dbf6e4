package io.switchboard.http;

import java.net.InetAddress;
import java.util.List;

import io.switchboard.core.IpNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersValveTests {

	@Test
	void aHopIsAnAddressLiteralOfEitherFamilyWithOrWithoutAPort() {
		assertThat(ForwardedHeadersValve.address(" 203.0.113.7 ")).hasToString("/203.0.113.7");
		assertThat(ForwardedHeadersValve.address("203.0.113.7:4711")).hasToString("/203.0.113.7");
		assertThat(ForwardedHeadersValve.address("2001:db8::7")).hasToString("/2001:db8:0:0:0:0:0:7");
		assertThat(ForwardedHeadersValve.address("[2001:db8::7]")).hasToString("/2001:db8:0:0:0:0:0:7");
		assertThat(ForwardedHeadersValve.address("[2001:db8::7]:4711")).hasToString("/2001:db8:0:0:0:0:0:7");
	}

	@Test
	void anIpv4MappedHopIsItsIpv4Address() {
		assertThat(ForwardedHeadersValve.address("::ffff:203.0.113.7")).hasToString("/203.0.113.7");
		assertThat(ForwardedHeadersValve.address("[::ffff:cb00:7107]")).hasToString("/203.0.113.7");
	}

	@Test
	void anythingElseIsNoAddressAndNoNameIsLookedUp() {
		for (String junk : List.of("", " ", "junk", "unknown", "localhost", "example.com", "_hidden", "1.2.3",
				"256.1.1.1", "203.0.113.7:", "203.0.113.7:123456", "[2001:db8::7", "[2001:db8::7]x", "fe80::1%eth0",
				"2001:db8::7:4711:1:2:3:4:5")) {
			assertThat(ForwardedHeadersValve.address(junk)).as(junk).isNull();
		}
	}

	@Test
	void trustIsByNetwork() throws Exception {
		ForwardedHeadersValve valve = new ForwardedHeadersValve(
				List.of(IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("fd00::/8")));
		assertThat(valve.isTrusted(InetAddress.getByName("10.1.2.3"))).isTrue();
		assertThat(valve.isTrusted(InetAddress.getByName("fd12::1"))).isTrue();
		assertThat(valve.isTrusted(InetAddress.getByName("127.0.0.1"))).isFalse();
		assertThat(valve.isTrusted(InetAddress.getByName("192.168.1.1"))).isFalse();
	}

}
