package io.switchboard.irc;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.ClientProperties;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.Frame;
import io.switchboard.transport.Listener;
import io.switchboard.transport.StreamListener;
import io.switchboard.transport.StreamListenerSettings;
import io.switchboard.transport.TcpFraming;
import io.switchboard.transport.TlsSupport;
import io.switchboard.transport.WebSocketSubprotocol;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The IRC listener: an event loop like the chat port's (no thread or buffer per idle
 * connection; each client's lines reach the door in order), cutting lines at IRC's limits
 * (a tag section of up to 4096 bytes, the rest up to 512 with CR LF), and the flow that
 * routes them to the IRC connections. With {@code switchboard.irc.ssl.bundle} the port
 * speaks TLS (6697 by convention) instead of plain IRC, or, with
 * {@code switchboard.irc.tls-port} too, a second listener speaks TLS beside the plain
 * one. IRC over WebSocket is offered to the WebSocket door as subprotocols.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.irc.enabled", matchIfMissing = true)
class IrcServerConfiguration {

	@Bean
	StreamListener ircChatServer(IrcProperties irc, Executor switchboardDrainExecutor,
			ScheduledExecutorService switchboardScheduler, SslBundles sslBundles) {
		// With a bundle and no tls-port the port speaks only TLS, an engine per accepted
		// connection from the bundle's current context, so a reloaded bundle applies to
		// new connections without restarting the listener. No idle timeout of the
		// socket's own: IRC's pings find silent clients.
		TlsSupport tls = irc.tlsOnPort() ? tls(irc, sslBundles) : null;
		StreamListenerSettings settings = new StreamListenerSettings("irc", irc.host(), irc.port(), irc.backlog(), 0, 0,
				null, tls, irc.proxy(), TcpFraming.LINE.cutting(IrcMessage.MAX_LINE_BYTES));
		return new StreamListener(settings, switchboardDrainExecutor, switchboardScheduler);
	}

	/**
	 * The TLS port beside the plain one ({@code switchboard.irc.tls-port}): the same
	 * door, lines and limits; only the socket differs.
	 */
	@Bean
	@ConditionalOnProperty("switchboard.irc.tls-port")
	StreamListener ircTlsChatServer(IrcProperties irc, Executor switchboardDrainExecutor,
			ScheduledExecutorService switchboardScheduler, SslBundles sslBundles, IrcClients ircClients) {
		Integer port = irc.tlsPort();
		StreamListenerSettings settings = new StreamListenerSettings("irc-tls", irc.host(), (port != null) ? port : 0,
				irc.backlog(), 0, 0, null, tls(irc, sslBundles), irc.proxy(),
				TcpFraming.LINE.cutting(IrcMessage.MAX_LINE_BYTES), "switchboard.irc.tls-port");
		StreamListener listener = new StreamListener(settings, switchboardDrainExecutor, switchboardScheduler);
		listener.setDoor(ircClients);
		return listener;
	}

	@Bean
	@ConditionalOnProperty("switchboard.irc.tls-port")
	IntegrationFlow ircTlsInboundFlow(StreamListener ircTlsChatServer, IrcClients clients) {
		return IntegrationFlow.from(ircTlsChatServer).handle(Frame.class, (frame, headers) -> {
			clients.received(frame, headers);
			return null;
		}).get();
	}

	@Bean
	@ConditionalOnProperty("switchboard.irc.tls-port")
	Listener ircTlsListener(StreamListener ircTlsChatServer) {
		return Listener.onPort("ircTls", ircTlsChatServer::getPort, ircTlsChatServer::isListening);
	}

	private static TlsSupport tls(IrcProperties irc, SslBundles sslBundles) {
		return new TlsSupport(sslBundles, irc.ssl().bundle(), irc.ssl().clientAuth());
	}

	@Bean
	IrcServer ircServer(IrcProperties irc, ChatHub hub, ClientRegistry registry, ClientProperties client,
			ChatProperties chat, ScheduledExecutorService switchboardScheduler) {
		// IRC clients keep their channels' member lists from joins and leaves.
		hub.relayPresence();
		IrcServer server = new IrcServer(irc, hub, registry, client.maxRooms(), chat.maxListEntries(), hub::history);
		// Addresses whose failed OPERs are forgotten (their allowance full again).
		switchboardScheduler.scheduleWithFixedDelay(server.operators()::sweep, 1, 1, TimeUnit.MINUTES);
		return server;
	}

	@Bean
	IrcClients ircClients(StreamListener ircChatServer, ChatHub hub, IrcServer ircServer,
			ScheduledExecutorService switchboardScheduler) {
		IrcClients clients = new IrcClients(hub, ircServer, switchboardScheduler);
		ircChatServer.setDoor(clients);
		return clients;
	}

	/**
	 * IRC over WebSocket: the clients the WebSocket door carries for IRC, with the IRC
	 * port's pings and registration timeout checked once a second.
	 */
	@Bean
	IrcWebSocketClients ircWebSocketClients(ChatHub hub, IrcServer ircServer,
			ScheduledExecutorService switchboardScheduler) {
		IrcWebSocketClients clients = new IrcWebSocketClients(hub, ircServer, switchboardScheduler);
		switchboardScheduler.scheduleWithFixedDelay(clients::sweep, 1, 1, TimeUnit.SECONDS);
		return clients;
	}

	/**
	 * {@code text.ircv3.net}: IRC lines in WebSocket text messages, as browsers' web IRC
	 * clients speak it.
	 */
	@Bean
	WebSocketSubprotocol ircTextSubprotocol(IrcWebSocketClients ircWebSocketClients) {
		return ircWebSocketClients.subprotocol(IrcWebSocketClients.TEXT, false);
	}

	/**
	 * {@code binary.ircv3.net}: IRC lines in binary messages (the one the IRCv3 spec
	 * requires of servers).
	 */
	@Bean
	WebSocketSubprotocol ircBinarySubprotocol(IrcWebSocketClients ircWebSocketClients) {
		return ircWebSocketClients.subprotocol(IrcWebSocketClients.BINARY, true);
	}

	@Bean
	IntegrationFlow ircInboundFlow(StreamListener ircChatServer, IrcClients clients) {
		return IntegrationFlow.from(ircChatServer).handle(Frame.class, (frame, headers) -> {
			clients.received(frame, headers);
			return null;
		}).get();
	}

	@Bean
	Listener ircListener(StreamListener ircChatServer) {
		return Listener.onPort("irc", ircChatServer::getPort, ircChatServer::isListening);
	}

}
