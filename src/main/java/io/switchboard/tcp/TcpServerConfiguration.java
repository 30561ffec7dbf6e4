package io.switchboard.tcp;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.Frame;
import io.switchboard.core.SwitchboardMetrics;
import io.switchboard.transport.Listener;
import io.switchboard.transport.ProxyProtocol;
import io.switchboard.transport.StreamListener;
import io.switchboard.transport.StreamListenerSettings;
import io.switchboard.transport.TcpFraming;
import io.switchboard.transport.TlsSupport;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The TCP chat listener (an event loop: no thread or buffer per idle connection; each
 * client's messages reach the hub in order), and the flow that routes its messages to the
 * hub.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	StreamListener tcpChatServer(TcpProperties tcp, ChatProperties chat, Executor switchboardDrainExecutor,
			ScheduledExecutorService switchboardScheduler, SslBundles sslBundles) {
		// TLS (optional) makes an engine per accepted connection, so a reloaded SSL
		// bundle applies to new connections without restarting the listener.
		TlsSupport tls = tcp.ssl().enabled() ? new TlsSupport(sslBundles, tcp.ssl().bundle(), tcp.ssl().clientAuth())
				: null;
		TcpProperties.KeepAlive keepAlive = tcp.keepAlive();
		StreamListenerSettings settings = new StreamListenerSettings("tcp", tcp.host(), tcp.port(), tcp.backlog(),
				(int) Math.min(Integer.MAX_VALUE, tcp.socketSendBuffer().toBytes()), tcp.idleTimeout().toMillis(),
				new StreamListenerSettings.KeepAlive((int) keepAlive.idle().toSeconds(),
						(int) keepAlive.interval().toSeconds(), keepAlive.count()),
				tls, new ProxyProtocol(tcp.proxyProtocol(), tcp.proxyTrusted()),
				tcp.framing().cutting(chat.maxMessageBytes()));
		return new StreamListener(settings, switchboardDrainExecutor, switchboardScheduler);
	}

	@Bean
	TcpChatClients tcpChatClients(StreamListener tcpChatServer, ChatHub hub, TcpProperties tcp,
			ScheduledExecutorService switchboardScheduler, SwitchboardMetrics metrics) {
		TcpChatClients clients = new TcpChatClients(hub, switchboardScheduler, metrics,
				(tcp.framing() == TcpFraming.LINE) ? tcp.lineTimeout().toNanos() : 0);
		tcpChatServer.setDoor(clients);
		return clients;
	}

	/**
	 * The TCP door's frames, each with its client's session, to the broadcast service.
	 */
	@Bean
	IntegrationFlow tcpInboundFlow(StreamListener tcpChatServer, ChatHub hub) {
		return IntegrationFlow.from(tcpChatServer).handle(hub).get();
	}

	@Bean
	TcpHeartbeat tcpHeartbeat(TcpProperties tcp, ClientRegistry registry,
			ScheduledExecutorService switchboardScheduler) {
		TcpHeartbeat heartbeat = new TcpHeartbeat(registry, tcp.heartbeat());
		if (!tcp.heartbeat().isZero()) {
			long period = Math.max(100, tcp.heartbeat().toMillis() / 2);
			switchboardScheduler.scheduleWithFixedDelay(heartbeat, period, period, TimeUnit.MILLISECONDS);
		}
		return heartbeat;
	}

	@Bean
	Listener tcpListener(StreamListener tcpChatServer) {
		return Listener.onPort("tcp", tcpChatServer::getPort, tcpChatServer::isListening);
	}

}
