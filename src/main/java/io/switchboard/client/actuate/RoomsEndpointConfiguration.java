package io.switchboard.client.actuate;

import io.switchboard.hub.ChatHub;
import io.switchboard.hub.HistoryProperties;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoomsEndpointConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	RoomsEndpoint roomsEndpoint(ChatHub hub, HistoryProperties history) {
		return new RoomsEndpoint(hub, history);
	}

}
