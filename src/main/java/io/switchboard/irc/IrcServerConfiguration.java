package io.switchboard.irc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.client.ClientProperties;
import io.switchboard.client.ClientRegistry;
import io.switchboard.hub.ChatHub;
import io.switchboard.transport.Frame;
import io.switchboard.transport.LineDeserializer;
import io.switchboard.transport.Listener;
import io.switchboard.transport.ReleasingTcpServerConnectionFactory;
import io.switchboard.transport.SwitchboardTcpConnectionSupport;
import io.switchboard.transport.SwitchboardTcpConnectionSupport.SocketSetup;
import io.switchboard.transport.TlsSupport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;

/**
 * The IRC listener: a blocking connection factory like the chat port's (one virtual
 * reader thread per connection keeps each client's lines in order), cutting lines at
 * IRC's limits (tags up to 8191 bytes, the rest up to 512 with CR LF), and the flow that
 * routes them to the IRC connections. With {@code switchboard.irc.ssl.bundle} the port
 * speaks TLS (6697 by convention) instead of plain IRC.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.irc.enabled", matchIfMissing = true)
class IrcServerConfiguration {

	@Bean
	TcpNetServerConnectionFactory ircChatServer(IrcProperties irc, ExecutorService switchboardExecutor,
			SslBundles sslBundles) {
		TcpNetServerConnectionFactory factory = new ReleasingTcpServerConnectionFactory(irc.port());
		factory.setLocalAddress(irc.host());
		factory.setBacklog(irc.backlog());
		factory.setSoKeepAlive(true);
		factory.setSoTcpNoDelay(true);
		factory.setTaskExecutor(switchboardExecutor);
		// With a bundle the port speaks only TLS (one listener: plain or TLS). Each
		// accepted socket is wrapped with the bundle's current context, so a reloaded
		// bundle applies to new connections without restarting the listener.
		SocketSetup setup = irc.ssl().enabled()
				? new TlsSupport(sslBundles, irc.ssl().bundle(), irc.ssl().clientAuth())::wrap : (socket) -> socket;
		factory
			.setTcpNetConnectionSupport(new SwitchboardTcpConnectionSupport(setup, irc.lineTimeout().toMillis(), null));
		factory.setDeserializer(new LineDeserializer(IrcMessage.MAX_TAG_BYTES + IrcMessage.MAX_BODY_BYTES + 1));
		factory.setSerializer(new ByteArrayRawSerializer());
		return factory;
	}

	@Bean
	IrcServer ircServer(IrcProperties irc, ChatHub hub, ClientRegistry registry, ClientProperties client) {
		// IRC clients keep their channels' member lists from joins and leaves.
		hub.actions().relayPresence();
		return new IrcServer(irc, hub.actions(), registry, client.maxRooms(), hub::history);
	}

	@Bean
	IrcClients ircClients(IrcProperties irc, ChatHub hub, IrcServer ircServer,
			ScheduledExecutorService switchboardScheduler) {
		IrcClients clients = new IrcClients("ircChatServer", hub, ircServer, switchboardScheduler);
		long lineTimeoutNanos = irc.lineTimeout().toNanos();
		switchboardScheduler.scheduleWithFixedDelay(() -> clients.check(lineTimeoutNanos), 1, 1, TimeUnit.SECONDS);
		return clients;
	}

	@Bean
	IntegrationFlow ircInboundFlow(TcpNetServerConnectionFactory ircChatServer, IrcClients clients) {
		return IntegrationFlow.from(Tcp.inboundAdapter(ircChatServer)).handle(Frame.class, (frame, headers) -> {
			clients.received(frame, headers);
			return null;
		}).get();
	}

	@Bean
	Listener ircListener(TcpNetServerConnectionFactory ircChatServer) {
		return Listener.onPort("irc", ircChatServer::getPort, ircChatServer::isListening);
	}

}
