package io.switchboard.admin;

import io.switchboard.cluster.RedisClusterBridge;
import io.switchboard.core.AuditLog;
import io.switchboard.core.BansProperties;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.ClientRegistry;

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
