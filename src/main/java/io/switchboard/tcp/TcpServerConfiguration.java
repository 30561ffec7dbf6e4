package io.switchboard.tcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.client.ClientRegistry;
import io.switchboard.client.SwitchboardMetrics;
import io.switchboard.hub.ChatHub;
import io.switchboard.hub.ChatProperties;
import io.switchboard.transport.Frame;
import io.switchboard.transport.Listener;
import io.switchboard.transport.ProxyProtocol;
import io.switchboard.transport.ReleasingTcpServerConnectionFactory;
import io.switchboard.transport.SwitchboardTcpConnectionSupport;
import io.switchboard.transport.TcpFraming;
import io.switchboard.transport.TlsSupport;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;

/**
 * The TCP chat listener: a blocking connection factory whose readers are virtual threads
 * (one reader per connection keeps each client's messages in order, which the NIO factory
 * does not), and the flow that routes its messages to the hub.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	TcpNetServerConnectionFactory tcpChatServer(TcpProperties tcp, ChatProperties chat,
			ExecutorService switchboardExecutor, SslBundles sslBundles) {
		TcpNetServerConnectionFactory factory = new ReleasingTcpServerConnectionFactory(tcp.port());
		factory.setLocalAddress(tcp.host());
		factory.setBacklog(tcp.backlog());
		factory.setSoKeepAlive(true);
		// No Nagle: outboxes already coalesce lines into one write, and Nagle with the
		// peer's delayed ACK held small writes back by up to 40 ms (seen in the bench
		// p99).
		factory.setSoTcpNoDelay(true);
		if (tcp.socketSendBuffer().toBytes() > 0) {
			factory.setSoSendBufferSize((int) Math.min(Integer.MAX_VALUE, tcp.socketSendBuffer().toBytes()));
		}
		factory.setSoTimeout((int) tcp.idleTimeout().toMillis());
		factory.setTaskExecutor(switchboardExecutor);
		// TLS (optional) wraps each accepted socket, so a reloaded SSL bundle applies to
		// new
		// connections without restarting the listener.
		TlsSupport tls = tcp.ssl().enabled() ? new TlsSupport(sslBundles, tcp.ssl().bundle(), tcp.ssl().clientAuth())
				: null;
		factory
			.setTcpNetConnectionSupport(new SwitchboardTcpConnectionSupport(new ChatSocketSetup(tls, tcp.keepAlive()),
					(tcp.framing() == TcpFraming.LINE) ? tcp.lineTimeout().toMillis() : 0,
					new ProxyProtocol(tcp.proxyProtocol(), tcp.proxyTrusted())));
		factory.setDeserializer(tcp.framing().deserializer(chat.maxMessageBytes()));
		factory.setSerializer(new ByteArrayRawSerializer());
		return factory;
	}

	@Bean
	TcpChatClients tcpChatClients(ChatHub hub, TcpProperties tcp, ScheduledExecutorService switchboardScheduler,
			SwitchboardMetrics metrics) {
		TcpChatClients clients = new TcpChatClients("tcpChatServer", hub, switchboardScheduler, metrics);
		long lineTimeoutNanos = tcp.lineTimeout().toNanos();
		if (lineTimeoutNanos > 0 && tcp.framing() == TcpFraming.LINE) {
			switchboardScheduler.scheduleWithFixedDelay(() -> clients.closeOverdue(lineTimeoutNanos), 1, 1,
					TimeUnit.SECONDS);
		}
		return clients;
	}

	@Bean
	IntegrationFlow tcpInboundFlow(TcpNetServerConnectionFactory tcpChatServer, TcpChatClients clients) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpChatServer)).handle(Frame.class, (frame, headers) -> {
			clients.received(frame, headers);
			return null;
		}).get();
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
	Listener tcpListener(TcpNetServerConnectionFactory tcpChatServer) {
		return Listener.onPort("tcp", tcpChatServer::getPort, tcpChatServer::isListening);
	}

}
