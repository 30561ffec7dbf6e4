package io.switchboard.echo;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoGuardTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EchoGuard guard = new EchoGuard(1000, List.of(9999, 0, 8080), this.meters);

	@Test
	void reservedSourcePortsAreNeverAnswered() {
		for (int port : new int[] { 0, 7, 19, 53, 123, 1023 }) {
			assertThat(this.guard.verdict(new InetSocketAddress("192.0.2.1", port), 10)).as("port " + port)
				.isEqualTo(EchoGuard.Drop.RESERVED_PORT);
		}
		assertThat(this.guard.verdict(new InetSocketAddress("192.0.2.1", 1024), 10)).isNull();
	}

	@Test
	void configuredAndLearntOwnPortsAreNeverAnsweredFromAnyAddress() {
		this.guard.ownPort(40123);
		for (int port : new int[] { 9999, 8080, 40123 }) {
			assertThat(this.guard.verdict(new InetSocketAddress("192.0.2.1", port), 10)).as("port " + port)
				.isEqualTo(EchoGuard.Drop.OWN_PORT);
		}
		assertThat(this.guard.verdict(new InetSocketAddress("192.0.2.1", 40124), 10)).isNull();
	}

	@Test
	void aDatagramFromTheEchoSocketsOwnAddressIsNotAnswered() throws Exception {
		try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			this.guard.ownPort(echo.getLocalPort());
			assertThat(this.guard.admit((InetSocketAddress) echo.getLocalSocketAddress(), 10)).isFalse();
		}
		assertThat(this.meters.get("switchboard.echo.dropped").tag("reason", "own-port").counter().count())
			.isEqualTo(1);
	}

	@Test
	void eachAddressGetsABurstOfTwiceTheByteRateAndDatagramsOverTheBurstNeverPass() {
		InetSocketAddress first = new InetSocketAddress("192.0.2.1", 5000);
		InetSocketAddress sameHostOtherPort = new InetSocketAddress("192.0.2.1", 5001);
		InetSocketAddress second = new InetSocketAddress("192.0.2.2", 5000);
		assertThat(this.guard.admit(first, 1500)).isTrue();
		assertThat(this.guard.admit(sameHostOtherPort, 500)).isTrue();
		assertThat(this.guard.admit(first, 100)).isFalse();
		assertThat(this.guard.admit(second, 2000)).isTrue();
		assertThat(this.guard.admit(new InetSocketAddress("192.0.2.3", 5000), 2001)).isFalse();
		assertThat(this.meters.get("switchboard.echo.dropped").tag("reason", "rate").counter().count()).isEqualTo(2);
	}

}
