package io.switchboard.client.actuate;

import io.switchboard.client.AuditLog;
import io.switchboard.client.ClientRegistry;
import io.switchboard.cluster.RedisClusterBridge;
import io.switchboard.hub.BansProperties;
import io.switchboard.hub.ChatHub;
import io.switchboard.hub.ChatProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClientsEndpointConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	ClientsEndpoint clientsEndpoint(ClientRegistry registry, ChatHub hub, ObjectProvider<RedisClusterBridge> cluster,
			ChatProperties chat, AuditLog auditLog, BansProperties bans) {
		return new ClientsEndpoint(registry, hub, cluster.getIfAvailable(), chat, auditLog, bans);
	}

}
