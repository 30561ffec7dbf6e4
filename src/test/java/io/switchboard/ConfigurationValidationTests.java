package io.switchboard;

import java.time.Duration;

import io.switchboard.core.AuditProperties;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.ClientProperties;
import io.switchboard.core.PrivateMessageProperties;
import io.switchboard.core.RoomPolicies;
import io.switchboard.core.RoomsProperties;
import io.switchboard.echo.EchoProperties;
import io.switchboard.irc.IrcProperties;
import io.switchboard.logging.LoggingProperties;
import io.switchboard.shutdown.ShutdownProperties;
import io.switchboard.tcp.TcpProperties;
import io.switchboard.transport.ProxyProtocol;
import io.switchboard.transport.TlsSupport;
import io.switchboard.udp.UdpProperties;
import io.switchboard.websocket.WebSocketProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(AllProperties.class);

	@Test
	void defaultsAreValid() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TcpProperties.class).port()).isEqualTo(9999);
			assertThat(context.getBean(ClientProperties.class).outboxBytes().toBytes()).isEqualTo(1024 * 1024);
		});
	}

	@Test
	void logsAreTextWithTheAuditTrailByDefaultAndAnUnknownFormatStopsStartupNamingTheProperty() {
		this.runner.run((context) -> {
			assertThat(context.getBean(LoggingProperties.class).format()).isEqualTo("text");
			assertThat(context.getBean(AuditProperties.class).enabled()).isTrue();
		});
		this.runner.withPropertyValues("switchboard.logging.format=Logstash")
			.run((context) -> assertThat(context.getBean(LoggingProperties.class).format()).isEqualTo("logstash"));
		this.runner.withPropertyValues("switchboard.logging.format=json")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.logging.format must be text, ecs, logstash or gelf"));
	}

	@Test
	void websocketDefaultsToSameOriginAtSlashWsAndABadOriginOrPathStopsStartupNamingTheProperty() {
		this.runner.run((context) -> {
			assertThat(context.getBean(WebSocketProperties.class).path()).isEqualTo("/ws");
			assertThat(context.getBean(WebSocketProperties.class).allowedOrigins()).isEmpty();
		});
		this.runner.withPropertyValues("switchboard.websocket.allowed-origins=chat.example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.websocket.allowed-origins"));
		this.runner.withPropertyValues("switchboard.websocket.path=ws")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.websocket.path"));
	}

	@Test
	void websocketMessageTimeoutDefaultsToTenSecondsAndANegativeOneStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(WebSocketProperties.class).messageTimeout())
			.isEqualTo(Duration.ofSeconds(10)));
		this.runner.withPropertyValues("switchboard.websocket.message-timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.websocket.message-timeout"));
	}

	@Test
	void proxyProtocolIsOffByDefaultAndABadTrustedNetworkOrNoneStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(TcpProperties.class).proxyProtocol())
			.isEqualTo(ProxyProtocol.Mode.OFF));
		this.runner
			.withPropertyValues("switchboard.tcp.proxy-protocol=v2",
					"switchboard.tcp.proxy-trusted=10.0.0.0/8,fd00::/8,192.0.2.7")
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner
			.withPropertyValues("switchboard.tcp.proxy-protocol=any", "switchboard.tcp.proxy-trusted=10.0.0.0/33")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.tcp.proxy-trusted")
				.hasMessageContaining("10.0.0.0/33"));
		this.runner.withPropertyValues("switchboard.tcp.proxy-trusted=lb.example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.tcp.proxy-trusted")
				.hasMessageContaining("lb.example.com"));
		this.runner.withPropertyValues("switchboard.tcp.proxy-protocol=v1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.tcp.proxy-trusted must list"));
		this.runner.withPropertyValues("switchboard.tcp.proxy-protocol=v3")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("v3"));
	}

	@Test
	void roomPoliciesBindInOrderAndABadPatternOrLimitStopsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("switchboard.rooms.policies[0].pattern=news-*",
					"switchboard.rooms.policies[0].read-only=true", "switchboard.rooms.policies[1].pattern=*",
					"switchboard.rooms.policies[1].max-members=5")
			.run((context) -> {
				RoomPolicies policies = new RoomPolicies(context.getBean(RoomsProperties.class), 200);
				assertThat(policies.readOnly("news-today")).isTrue();
				assertThat(policies.maxMembers("news-today")).as("the first match decides").isZero();
				assertThat(policies.maxMembers("lobby")).isEqualTo(5);
				assertThat(policies.historySize("lobby")).isEqualTo(200);
			});
		this.runner.withPropertyValues("switchboard.rooms.policies[0].pattern=team *")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.rooms.policies[0].pattern"));
		this.runner
			.withPropertyValues("switchboard.rooms.policies[0].pattern=a", "switchboard.rooms.policies[0].history=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.rooms.policies[0].history"));
	}

	@Test
	void topicAndPrivateMessageLimitsHaveDefaultsAndABadValueStopsStartupNamingTheProperty() {
		this.runner.run((context) -> {
			assertThat(context.getBean(RoomsProperties.class).topicsPerAddress()).isEqualTo(20);
			assertThat(context.getBean(RoomsProperties.class).topicRetention()).hasHours(1);
			assertThat(context.getBean(PrivateMessageProperties.class).rate()).isEqualTo(10);
		});
		this.runner.withPropertyValues("switchboard.rooms.topic-retention=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.rooms.topic-retention must be positive"));
		this.runner.withPropertyValues("switchboard.rooms.topics-per-address=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.rooms.topics-per-address"));
		this.runner.withPropertyValues("switchboard.private-messages.byte-burst=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.private-messages.byte-burst must be positive"));
		this.runner.withPropertyValues("switchboard.private-messages.rate=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.private-messages.rate"));
	}

	@Test
	void portOutOfRangeStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("switchboard.tcp.port=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.tcp.port")
				.hasMessageContaining("70000"));
	}

	@Test
	void maxListEntriesBelowOneStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("switchboard.max-list-entries=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.max-list-entries"));
	}

	@Test
	void udpEchoIsOffByDefaultAndAZeroByteRateStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(EchoProperties.class).udpEnabled()).isFalse());
		this.runner.withPropertyValues("switchboard.echo.udp-byte-rate=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.echo.udp-byte-rate"));
	}

	@Test
	void negativeOutboxStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues("switchboard.client.outbox-bytes=-1MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.client.outbox-bytes must be positive"));
	}

	@Test
	void writeLingerIsAMillisecondByDefaultAndANegativeOrLongOneStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(ClientProperties.class).writeLinger())
			.isEqualTo(Duration.ofMillis(1)));
		for (String linger : new String[] { "-1ms", "2s" }) {
			this.runner.withPropertyValues("switchboard.client.write-linger=" + linger)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("switchboard.client.write-linger must be between 0 and 1s"));
		}
	}

	@Test
	void badRoomNameCharsetAndZoneAreRefused() {
		this.runner.withPropertyValues("switchboard.default-room=no spaces")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.default-room"));
		this.runner.withPropertyValues("switchboard.zone=Mars/Olympus")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("switchboard.zone"));
		this.runner.withPropertyValues("switchboard.udp.peer-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.udp.peer-timeout"));
	}

	@Test
	void ircTlsIsOffByDefaultAndAClientCertificatePolicyWithoutABundleStopsStartupNamingTheProperty() {
		this.runner.run((context) -> {
			assertThat(context.getBean(IrcProperties.class).ssl().enabled()).isFalse();
			assertThat(context.getBean(IrcProperties.class).lineTimeout()).hasSeconds(10);
		});
		this.runner.withPropertyValues("switchboard.irc.ssl.bundle=irc", "switchboard.irc.ssl.client-auth=need")
			.run((context) -> assertThat(context.getBean(IrcProperties.class).ssl().clientAuth())
				.isEqualTo(TlsSupport.ClientAuth.NEED));
		this.runner.withPropertyValues("switchboard.irc.ssl.client-auth=want")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.irc.ssl.bundle"));
		this.runner.withPropertyValues("switchboard.irc.line-timeout=0s")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("switchboard.irc"));
	}

	@Test
	void ircHasOnePortByDefaultAndATlsPortWithoutABundleStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(IrcProperties.class).tlsPort()).isNull());
		this.runner.withPropertyValues("switchboard.irc.ssl.bundle=irc", "switchboard.irc.tls-port=6697")
			.run((context) -> assertThat(context.getBean(IrcProperties.class).tlsOnPort()).isFalse());
		this.runner.withPropertyValues("switchboard.irc.tls-port=6697")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.irc.tls-port needs a certificate: set switchboard.irc.ssl.bundle"));
	}

	@Test
	void ircProxyProtocolIsOffByDefaultAndOnWithoutTrustedProxiesStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(IrcProperties.class).proxyProtocol())
			.isEqualTo(ProxyProtocol.Mode.OFF));
		this.runner.withPropertyValues("switchboard.irc.proxy-protocol=v1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.irc.proxy-trusted must list"));
		this.runner.withPropertyValues("switchboard.irc.proxy-protocol=v2", "switchboard.irc.proxy-trusted=10.0.0.0/33")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.irc.proxy-trusted"));
	}

	@Test
	void ircOperatorsAreNoneByDefaultAndAPasswordWithoutItsEncoderStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(IrcProperties.class).operators()).isEmpty());
		this.runner
			.withPropertyValues("switchboard.irc.operators[0].name=ops",
					"switchboard.irc.operators[0].password={bcrypt}$2a$10$abcdefghijklmnopqrstuu")
			.run((context) -> assertThat(context.getBean(IrcProperties.class).operators().getFirst().toString())
				.doesNotContain("$2a$"));
		this.runner
			.withPropertyValues("switchboard.irc.operators[0].name=ops", "switchboard.irc.operators[0].password=plain")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.irc.operators[].password of ops must start with"));
	}

	@Test
	void lameDuckIsOffByDefaultAndANegativeOneStopsStartupNamingTheProperty() {
		this.runner.run((context) -> assertThat(context.getBean(ShutdownProperties.class).lameDuck()).isZero());
		this.runner.withPropertyValues("switchboard.shutdown.lame-duck=30s")
			.run((context) -> assertThat(context.getBean(ShutdownProperties.class).lameDuck()).hasSeconds(30));
		this.runner.withPropertyValues("switchboard.shutdown.lame-duck=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.shutdown.lame-duck must not be negative"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ShutdownProperties.class, ChatProperties.class, ClientProperties.class,
			TcpProperties.class, UdpProperties.class, EchoProperties.class, WebSocketProperties.class,
			RoomsProperties.class, LoggingProperties.class, AuditProperties.class, IrcProperties.class,
			PrivateMessageProperties.class })
	static class AllProperties {

	}

}
