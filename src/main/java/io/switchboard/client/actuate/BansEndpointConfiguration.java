package io.switchboard.client.actuate;

import io.switchboard.hub.ChatHub;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BansEndpointConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	BansEndpoint bansEndpoint(ChatHub hub) {
		return new BansEndpoint(hub.bans());
	}

}
