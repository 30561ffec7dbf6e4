package io.switchboard.unix;

import java.time.Duration;

import io.switchboard.tcp.TcpProperties;
import io.switchboard.transport.DatagramSettings;
import io.switchboard.transport.StreamSettings;
import io.switchboard.transport.TcpFraming;
import io.switchboard.udp.UdpProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Unix doors' own {@code switchboard.unix.framing} and
 * {@code switchboard.unix.peer-timeout} win over TCP's and UDP's keys when set; unset,
 * the TCP and UDP values apply as before. Bound as the application binds them, resolved
 * as {@link UnixSocketConfiguration} resolves them, without opening a socket.
 */
class UnixPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void streamFramingIsTcpsWhenTheUnixKeyIsUnset() {
		this.runner.run((context) -> assertThat(streamFraming(context)).isEqualTo(TcpFraming.LINE));
		this.runner.withPropertyValues("switchboard.tcp.framing=chunk")
			.run((context) -> assertThat(streamFraming(context)).isEqualTo(TcpFraming.CHUNK));
	}

	@Test
	void unixFramingWinsOverTcpFraming() {
		this.runner.withPropertyValues("switchboard.tcp.framing=chunk", "switchboard.unix.framing=line")
			.run((context) -> {
				assertThat(streamFraming(context)).isEqualTo(TcpFraming.LINE);
				assertThat(context.getBean(TcpProperties.class).framing()).isEqualTo(TcpFraming.CHUNK);
			});
		this.runner.withPropertyValues("switchboard.unix.framing=chunk").run((context) -> {
			assertThat(streamFraming(context)).isEqualTo(TcpFraming.CHUNK);
			assertThat(context.getBean(TcpProperties.class).framing()).isEqualTo(TcpFraming.LINE);
		});
	}

	@Test
	void datagramPeerTimeoutIsUdpsWhenTheUnixKeyIsUnset() {
		this.runner.run((context) -> assertThat(peerTimeout(context)).isEqualTo(Duration.ofSeconds(60)));
		this.runner.withPropertyValues("switchboard.udp.peer-timeout=5s")
			.run((context) -> assertThat(peerTimeout(context)).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void unixPeerTimeoutWinsOverUdpPeerTimeout() {
		this.runner.withPropertyValues("switchboard.udp.peer-timeout=5s", "switchboard.unix.peer-timeout=2m")
			.run((context) -> {
				assertThat(peerTimeout(context)).isEqualTo(Duration.ofMinutes(2));
				assertThat(context.getBean(UdpProperties.class).peerTimeout()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void aUnixPeerTimeoutThatIsNotPositiveStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("switchboard.unix.peer-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.unix.peer-timeout must be positive"));
	}

	@Test
	void aBadUnixFramingStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("switchboard.unix.framing=lines")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("switchboard.unix.framing"));
	}

	private static TcpFraming streamFraming(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(UnixProperties.class).streamFraming(context.getBean(StreamSettings.class));
	}

	private static Duration peerTimeout(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(UnixProperties.class).datagramPeerTimeout(context.getBean(DatagramSettings.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ UnixProperties.class, TcpProperties.class, UdpProperties.class })
	static class Properties {

	}

}
