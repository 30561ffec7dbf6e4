package io.switchboard.core;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub, the client registry and the threads they run on.
 */
@Configuration(proxyBeanMethods = false)
class HubConfiguration {

	/**
	 * Socket readers and outbox drainers: one virtual thread per connection or drain,
	 * since both block on sockets.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService switchboardExecutor() {
		return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("switchboard-", 0).factory());
	}

	/**
	 * Timers: the write watchdog, UDP peer expiry, delayed closes. Short tasks only.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService switchboardScheduler() {
		return Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("switchboard-timer").daemon().factory());
	}

	/**
	 * Outbox drains: a virtual thread per drain, started without the bookkeeping of
	 * {@link #switchboardExecutor()} (a concurrent set of its threads and a numbered name
	 * per thread), which profiling showed on the delivery path. A drain ends by itself
	 * once its outbox is empty or its client is closed.
	 */
	@Bean
	Executor switchboardDrainExecutor() {
		ThreadFactory drains = Thread.ofVirtual().name("switchboard-drain").factory();
		return (task) -> drains.newThread(task).start();
	}

	@Bean
	LineCodec lineCodec(ChatProperties properties) {
		return new LineCodec(properties.charset());
	}

	@Bean
	SwitchboardMetrics switchboardMetrics(MeterRegistry meterRegistry) {
		return new SwitchboardMetrics(meterRegistry);
	}

	@Bean(destroyMethod = "close")
	ServerStalls serverStalls() {
		return ServerStalls.start();
	}

	/**
	 * In a cluster, client ids end in {@code @NODE}
	 * ({@link ClusterBridge#clientIdSuffix}).
	 */
	@Bean
	ClientRegistry clientRegistry(ChatProperties chat, ClientProperties client, ObjectProvider<ClusterBridge> cluster,
			LineCodec codec, Executor switchboardDrainExecutor, SwitchboardMetrics metrics, ServerStalls serverStalls,
			AuditLog auditLog, ObjectProvider<Authenticator> authenticator) {
		return new ClientRegistry(chat.maxClients(),
				new ClientRegistry.AddressLimits(chat.maxClientsPerIp(), chat.maxClientsPerIpv4Prefix(),
						chat.maxClientsPerIpv6Prefix()),
				chat.maxMessageBytes(), client, switchboardDrainExecutor, metrics, serverStalls,
				cluster.getIfAvailable(() -> ClusterBridge.LOCAL).clientIdSuffix(), auditLog,
				new ClientRegistry.Naming(chat.anonymousNames(), authenticator.getIfAvailable() != null));
	}

	@Bean
	AuditLog auditLog(AuditProperties audit) {
		return audit.enabled() ? new AuditLog(true) : AuditLog.OFF;
	}

	@Bean
	RoomPolicies roomPolicies(RoomsProperties rooms, HistoryProperties history) {
		return new RoomPolicies(rooms, history.enabled() ? history.size() : 0);
	}

	@Bean
	ChatHub chatHub(ChatProperties properties, HistoryProperties history, LineProperties line, ClientProperties client,
			RoomPolicies roomPolicies, ObjectProvider<Authenticator> authenticator, ClientRegistry registry,
			LineCodec codec, SwitchboardMetrics metrics, ScheduledExecutorService switchboardScheduler,
			ObjectProvider<ClusterBridge> cluster, PrivateMessageProperties privateMessages) {
		ChatHub hub = new ChatHub(properties, history, line, client.maxRooms(), roomPolicies,
				new AuthSettings(authenticator.getIfAvailable(), switchboardScheduler), registry, codec, metrics,
				cluster.getIfAvailable(() -> ClusterBridge.LOCAL), privateMessages);
		// Every 10 s, or often enough that a topic goes within a quarter of its retention
		// after it (a retention under 40 s: tests).
		long sweepMillis = Math.clamp(roomPolicies.properties().topicRetention().toMillis() / 4, 50, 10_000);
		switchboardScheduler.scheduleWithFixedDelay(hub::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
		return hub;
	}

	@Bean
	SlowConsumerWatchdog slowConsumerWatchdog(ClientRegistry registry, ClientProperties properties,
			ScheduledExecutorService switchboardScheduler) {
		Duration softLimitTime = Duration.ofSeconds(properties.outboxSoftSeconds());
		SlowConsumerWatchdog watchdog = new SlowConsumerWatchdog(registry, properties.writeTimeout(), softLimitTime);
		long periodMillis = Math.clamp(Math.min(properties.writeTimeout().toMillis(), softLimitTime.toMillis()) / 4, 10,
				1000);
		switchboardScheduler.scheduleWithFixedDelay(watchdog, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
		return watchdog;
	}

}
