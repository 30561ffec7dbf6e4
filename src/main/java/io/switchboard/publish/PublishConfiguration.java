package io.switchboard.publish;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.auth.AdminProperties;
import io.switchboard.core.Authenticator;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.ClientProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The publish API's collaborators, unless {@code switchboard.publish.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.publish.enabled", matchIfMissing = true)
class PublishConfiguration {

	@Bean
	PublisherAuthentication publisherAuthentication(ObjectProvider<Authenticator> tokens, AdminProperties admin,
			ScheduledExecutorService switchboardScheduler) {
		PublisherAuthentication authentication = new PublisherAuthentication(tokens.getIfAvailable(),
				!admin.password().isEmpty(), admin.loginFailuresPerMinute());
		switchboardScheduler.scheduleWithFixedDelay(authentication::sweep, 60, 60, TimeUnit.SECONDS);
		return authentication;
	}

	@Bean
	PublishRateLimit publishRateLimit(ClientProperties client, ChatProperties chat,
			ScheduledExecutorService switchboardScheduler) {
		PublishRateLimit limit = new PublishRateLimit(client, chat.maxMessageBytes());
		switchboardScheduler.scheduleWithFixedDelay(limit::sweep, 60, 60, TimeUnit.SECONDS);
		return limit;
	}

}
