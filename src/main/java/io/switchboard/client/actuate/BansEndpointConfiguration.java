package io.switchboard.client.actuate;

import io.switchboard.hub.BansProperties;
import io.switchboard.hub.ChatHub;

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
