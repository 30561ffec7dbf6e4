package io.switchboard.admin;

import io.switchboard.core.ChatHub;
import io.switchboard.core.HistoryProperties;

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
