package io.switchboard.core;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class BansPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(BansSettings.class);

	@Test
	void anIpv6BanCoversASlash64ByDefaultAndAPrefixOutside32To128StopsStartupNamingTheSetting() {
		this.runner
			.run((context) -> assertThat(context.getBean(BansProperties.class).ipv6PrefixLength()).isEqualTo(64));
		this.runner.withPropertyValues("switchboard.bans.ipv6-prefix-length=128")
			.run((context) -> assertThat(context).hasNotFailed());
		for (String bad : new String[] { "129", "16" }) {
			this.runner.withPropertyValues("switchboard.bans.ipv6-prefix-length=" + bad)
				.run((context) -> assertThat(context).getFailure()
					.hasStackTraceContaining("switchboard.bans")
					.hasStackTraceContaining("ipv6PrefixLength"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BansProperties.class)
	static class BansSettings {

	}

}
