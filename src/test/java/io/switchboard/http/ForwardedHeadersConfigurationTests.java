package io.switchboard.http;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(HttpSettings.class);

	@Test
	void noProxyIsTrustedByDefaultAndAddressesAndNetworksOfBothFamiliesAreTaken() {
		this.runner.run((context) -> assertThat(context.getBean(HttpProperties.class).trustedProxies()).isEmpty());
		this.runner.withPropertyValues("switchboard.http.trusted-proxies=10.0.0.0/8,fd00::/8,192.0.2.7")
			.run((context) -> assertThat(context.getBean(HttpProperties.class).trustedNetworks()).hasSize(3));
	}

	@Test
	void aBadTrustedProxyStopsStartupNamingTheSetting() {
		this.runner.withPropertyValues("switchboard.http.trusted-proxies=ingress.example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.http.trusted-proxies")
				.hasMessageContaining("ingress.example.com"));
		this.runner.withPropertyValues("switchboard.http.trusted-proxies=10.0.0.0/33")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("switchboard.http.trusted-proxies"));
	}

	@Test
	void tomcatsOwnRemoteIpSettingsStopStartupPointingAtTheSwitchboardSetting() {
		this.runner.withPropertyValues("server.tomcat.remoteip.internal-proxies=10\\.0\\..*")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("server.tomcat.remoteip.* is not used")
				.hasMessageContaining("switchboard.http.trusted-proxies"));
	}

	@Test
	void theFrameworkStrategyWhichBelievesAnyoneStopsStartup() {
		this.runner.withPropertyValues("server.forward-headers-strategy=framework")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("server.forward-headers-strategy=framework"));
		this.runner.withPropertyValues("server.forward-headers-strategy=native")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HttpProperties.class)
	@Import(ForwardedHeadersConfiguration.class)
	static class HttpSettings {

	}

}
