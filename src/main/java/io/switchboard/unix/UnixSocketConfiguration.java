package io.switchboard.unix;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.transport.DatagramSettings;
import io.switchboard.transport.Listener;
import io.switchboard.transport.StreamSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;

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
			// switchboard.unix.framing, else switchboard.tcp.framing (see UnixProperties)
			return new UnixStreamServer(unix.streamPath(), hub,
					unix.streamFraming(stream).deserializer(chat.maxMessageBytes()), switchboardExecutor,
					switchboardScheduler);
		}

		@Bean
		IntegrationFlow unixStreamInboundFlow(UnixStreamServer unixStreamServer, ChatHub hub) {
			return IntegrationFlow.from(unixStreamServer).handle(hub).get();
		}

		@Bean
		Listener unixStreamListener(UnixStreamServer server) {
			return Listener.onPath("unixStream", server.path(), server::isListening);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("switchboard.unix.datagram-path")
	static class Datagram {

		@Bean
		UnixDatagramServer unixDatagramServer(UnixProperties unix, DatagramSettings datagram, ChatProperties chat,
				ChatHub hub, ScheduledExecutorService switchboardScheduler) {
			// switchboard.unix.peer-timeout, else switchboard.udp.peer-timeout (see
			// UnixProperties)
			UnixDatagramServer server = new UnixDatagramServer(unix.datagramPath(), hub, chat.maxMessageBytes(),
					unix.datagramPeerTimeout(datagram).toMillis());
			switchboardScheduler.scheduleWithFixedDelay(server::expire, 1, 1, TimeUnit.SECONDS);
			return server;
		}

		@Bean
		IntegrationFlow unixDatagramInboundFlow(UnixDatagramServer unixDatagramServer, ChatHub hub) {
			return IntegrationFlow.from(unixDatagramServer).handle(hub).get();
		}

		@Bean
		Listener unixDatagramListener(UnixDatagramServer server) {
			return Listener.onPath("unixDatagram", server.path(), server::isListening);
		}

	}

}
