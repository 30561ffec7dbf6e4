package io.switchboard.admin;

import io.switchboard.core.BansProperties;
import io.switchboard.core.ChatHub;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BansEndpointConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	BansEndpoint bansEndpoint(ChatHub hub, BansProperties properties) {
		return new BansEndpoint(hub.bans(), properties);
	}

}
