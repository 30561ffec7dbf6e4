package io.switchboard.shutdown;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ShutdownConfiguration {

	@Bean
	GracefulShutdown gracefulShutdown(ChatHub hub, ClientRegistry registry, ShutdownProperties properties,
			ApplicationEventPublisher publisher) {
		return new GracefulShutdown(hub, registry, properties, publisher);
	}

}
