package io.switchboard.http;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A separate management port ({@code management.server.port}) believes forwarded headers
 * from {@code switchboard.http.trusted-proxies} only, as the HTTP port does: Spring Boot
 * gives its child context the main port's {@code RemoteIpValve}, which trusts every
 * private and loopback peer, and actuator's login throttle counts by that address.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ForwardedHeadersManagementConfiguration {

	@Bean
	ForwardedHeadersConfiguration.ForwardedHeadersCustomizer managementForwardedHeadersCustomizer(HttpProperties http,
			Environment environment) {
		return ForwardedHeadersConfiguration.customizer(http, environment);
	}

}
