package io.switchboard.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.HistoryProperties;
import io.switchboard.core.RoomPolicies;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.redis.dsl.Redis;

/**
 * Scale-out over Redis, when {@code switchboard.cluster.enabled=true}: a Spring
 * Integration Redis inbound adapter feeds the cluster channel to the hub; the hub
 * publishes through {@link RedisClusterBridge}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class ClusterConfiguration {

	static String channel(ClusterProperties properties) {
		return "{" + properties.keyPrefix() + "}:messages";
	}

	@Bean
	RedisClusterBridge redisClusterBridge(ClusterProperties properties, HistoryProperties history,
			RoomPolicies policies, RedisConnectionFactory connectionFactory, StringRedisTemplate strings,
			MeterRegistry meters) {
		RedisTemplate<String, byte[]> publisher = new RedisTemplate<>();
		publisher.setConnectionFactory(connectionFactory);
		publisher.setKeySerializer(RedisSerializer.string());
		publisher.setValueSerializer(RedisSerializer.byteArray());
		publisher.afterPropertiesSet();
		ClusterHistory stored = history.enabled() ? new ClusterHistory(publisher, properties.keyPrefix(),
				channel(properties), policies::historySize, history.maxAge().toMillis()) : null;
		return new RedisClusterBridge(properties, new ClusterDirectory(strings, properties.keyPrefix()), strings,
				publisher, channel(properties), stored, meters);
	}

	@Bean
	ClusterInbound clusterInbound(RedisClusterBridge bridge, ChatHub hub, ClientRegistry registry) {
		// This node may have missed lines and bans while the link was down (or before it
		// started).
		bridge.onLinkUp(hub::reloadHistory);
		bridge.onLinkUp(hub.bans()::reload);
		return new ClusterInbound(bridge, hub, registry);
	}

	/**
	 * The subscription. Its listener runs on the subscription's own thread (a
	 * {@link SyncTaskExecutor}): the container's default executor would start a thread
	 * per message and so reorder them.
	 */
	@Bean
	IntegrationFlow clusterSubscription(RedisConnectionFactory connectionFactory, ClusterProperties properties,
			ClusterInbound inbound) {
		return IntegrationFlow
			.from(Redis.inboundChannelAdapter(connectionFactory)
				.topics(channel(properties))
				.serializer(RedisSerializer.byteArray())
				.taskExecutor(new SyncTaskExecutor()))
			.handle(byte[].class, (payload, headers) -> {
				inbound.handle(payload);
				return null;
			})
			.get();
	}

	@Bean
	ClusterHealthIndicator clusterHealthIndicator(RedisClusterBridge bridge, ClusterProperties properties) {
		return new ClusterHealthIndicator(bridge, properties);
	}

	/**
	 * While disconnected, Lettuce would queue commands and send them late; failing at
	 * once lets the hub deliver locally instead.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer switchboardLettuceOptions() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Lettuce reconnects (and resubscribes) by itself; cap its backoff like ours.
	 */
	@Bean
	ClientResourcesBuilderCustomizer switchboardLettuceReconnect(ClusterProperties properties) {
		Duration max = properties.reconnectMax();
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), max, 2, TimeUnit.MILLISECONDS));
	}

}
