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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Scale-out over Redis, when {@code switchboard.cluster.enabled=true}: the hub publishes
 * through {@link RedisClusterBridge}; {@link ClusterSubscriptions} hears this node's
 * channels (its own, the control channel, and the rooms it has members in) and feeds them
 * to the hub through {@link ClusterInbound}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class ClusterConfiguration {

	@Bean
	ClusterSubscriptions clusterSubscriptions(ClusterProperties properties, LettuceConnectionFactory connectionFactory,
			DataRedisProperties redis, ObjectProvider<ClusterInbound> inbound) {
		return new ClusterSubscriptions(connectionFactory, new ClusterKeys(properties.keyPrefix()), properties.nodeId(),
				timeout(redis), (message) -> inbound.getObject().handle(message));
	}

	@Bean
	RedisClusterBridge redisClusterBridge(ClusterProperties properties, HistoryProperties history,
			RoomPolicies policies, LettuceConnectionFactory connectionFactory, StringRedisTemplate strings,
			ClusterSubscriptions subscriptions, DataRedisProperties redis, MeterRegistry meters) {
		RedisTemplate<String, byte[]> publisher = new RedisTemplate<>();
		publisher.setConnectionFactory(connectionFactory);
		publisher.setKeySerializer(RedisSerializer.string());
		publisher.setValueSerializer(RedisSerializer.byteArray());
		publisher.afterPropertiesSet();
		ClusterKeys keys = new ClusterKeys(properties.keyPrefix());
		AsyncScripts scripts = new AsyncScripts(connectionFactory);
		ClusterHistory stored = history.enabled()
				? new ClusterHistory(publisher, scripts, keys, policies::historySize, history.maxAge().toMillis())
				: null;
		return new RedisClusterBridge(properties, keys, strings, publisher, scripts, timeout(redis), subscriptions,
				stored, meters);
	}

	/**
	 * How long a node waits for Redis: {@code spring.data.redis.timeout}.
	 */
	private static Duration timeout(DataRedisProperties redis) {
		return (redis.getTimeout() != null) ? redis.getTimeout() : Duration.ofSeconds(2);
	}

	@Bean
	ClusterInbound clusterInbound(RedisClusterBridge bridge, ChatHub hub, ClientRegistry registry) {
		// This node may have missed lines and bans while the link was down (or before it
		// started).
		bridge.onLinkUp(hub::reloadHistory);
		bridge.onLinkUp(hub.bans()::reload);
		return new ClusterInbound(bridge, hub, registry);
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
