package io.switchboard.unix;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.hub.ChatHub;
import io.switchboard.hub.ChatProperties;
import io.switchboard.transport.DatagramSettings;
import io.switchboard.transport.StreamSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Unix socket listeners, each only when its path is set.
 */
@Configuration(proxyBeanMethods = false)
class UnixSocketConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("switchboard.unix.stream-path")
	static class Stream {

		@Bean
		UnixStreamServer unixStreamServer(UnixProperties unix, StreamSettings stream, ChatProperties chat, ChatHub hub,
				ExecutorService switchboardExecutor, ScheduledExecutorService switchboardScheduler) {
			return new UnixStreamServer(unix.streamPath(), hub, stream.framing().deserializer(chat.maxMessageBytes()),
					switchboardExecutor, switchboardScheduler);
		}

		@Bean
		HealthIndicator unixStreamHealthIndicator(UnixStreamServer server) {
			return socketHealth(server.path().toString(), server::isListening);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("switchboard.unix.datagram-path")
	static class Datagram {

		@Bean
		UnixDatagramServer unixDatagramServer(UnixProperties unix, DatagramSettings datagram, ChatProperties chat,
				ChatHub hub, ScheduledExecutorService switchboardScheduler) {
			UnixDatagramServer server = new UnixDatagramServer(unix.datagramPath(), hub, chat.maxMessageBytes(),
					datagram.peerTimeout().toMillis());
			switchboardScheduler.scheduleWithFixedDelay(server::expire, 1, 1, TimeUnit.SECONDS);
			return server;
		}

		@Bean
		HealthIndicator unixDatagramHealthIndicator(UnixDatagramServer server) {
			return socketHealth(server.path().toString(), server::isListening);
		}

	}

	static HealthIndicator socketHealth(String path, java.util.function.BooleanSupplier listening) {
		return () -> {
			boolean up = listening.getAsBoolean();
			return (up ? Health.up() : Health.down()).withDetail("path", path).withDetail("listening", up).build();
		};
	}

}
