package io.switchboard.core;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A front door names its own protocol; nothing else has to know it, and its meters come
 * with its first client.
 */
class OpenProtocolTests {

	@Test
	void aNewProtocolGetsItsMetersWithItsFirstClient() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SwitchboardMetrics metrics = new SwitchboardMetrics(meters);
		ClientRegistry registry = new ClientRegistry(10, new ClientRegistry.AddressLimits(0, 0, 0), 100,
				new ClientProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), 10, Duration.ofSeconds(10), 0,
						50, DataSize.ofBytes(0), DataSize.ofKilobytes(64), 20, Duration.ofMillis(1), null, null),
				Runnable::run, metrics, ServerStalls.none(), "", AuditLog.OFF, ClientRegistry.Naming.ADDRESSES);
		Protocol carrierPigeon = Protocol.of("carrier-pigeon", Protocol.Kind.DATAGRAM);
		assertThat(meters.find("switchboard.clients").tag("protocol", "carrier-pigeon").gauge()).isNull();

		ClientSession session = registry
			.open(carrierPigeon, "coop:1", null, "lobby", new Silent(), (event) -> new OutboundLine(new byte[0], 0))
			.session();

		assertThat(session).isNotNull();
		assertThat(session.id()).isEqualTo("carrier-pigeon-1");
		assertThat(meters.get("switchboard.clients").tag("protocol", "carrier-pigeon").gauge().value()).isEqualTo(1);
		assertThat(meters.get("switchboard.connections.opened").tag("protocol", "carrier-pigeon").counter().count())
			.isEqualTo(1);
		assertThat(meters.get("switchboard.clients").tag("protocol", "tcp").gauge().value())
			.as("the built-in doors' gauges exist at 0")
			.isZero();
	}

	@Test
	void protocolsAreEqualByNameAndNamesAreTagSafe() {
		assertThat(Protocol.of("tcp", Protocol.Kind.STREAM)).isEqualTo(Protocol.TCP);
		assertThat(Protocol.TCP.isStream()).isTrue();
		assertThat(Protocol.UDP.isStream()).isFalse();
		assertThat(Protocol.UDP.showsAddress()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Protocol.of("Web Socket", Protocol.Kind.STREAM));
	}

	private static final class Silent implements ClientTransport {

		@Override
		public void write(List<OutboundLine> lines) {
		}

		@Override
		public void closeGracefully() {
		}

		@Override
		public void abort() {
		}

	}

}
