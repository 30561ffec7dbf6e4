package io.switchboard.websocket;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.core.Authenticator;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.ClientProperties;
import io.switchboard.core.LineCodec;
import io.switchboard.core.SwitchboardMetrics;
import io.switchboard.transport.Listener;
import io.switchboard.transport.WebSocketSubprotocol;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.websocket.ServerWebSocketContainer;
import org.springframework.integration.websocket.inbound.WebSocketInboundChannelAdapter;
import org.springframework.integration.websocket.support.SubProtocolHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The WebSocket listener on the HTTP port: Spring Integration's server container at
 * {@code switchboard.websocket.path} (no SockJS), its inbound adapter with our
 * subprotocol handler, and the flow that routes its text frames to the hub. Sessions that
 * agree on another door's subprotocol (IRC's) are that door's clients.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.websocket.enabled", matchIfMissing = true)
class WebSocketConfiguration {

	/**
	 * The container's message buffers, allocated for every session whether it sends or
	 * not. The handler takes messages in parts ({@link SessionEndings}), so these need
	 * not hold a whole one: a longer message reaches {@link WebSocketChatClients} in
	 * pieces of this many characters, put together there only for the client that sent
	 * it. They are sized for a usual chat line, which then arrives in one piece.
	 */
	static final int MESSAGE_BUFFER_SIZE = 256;

	@Bean
	ServletServerContainerFactoryBean websocketServerContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		// Characters of decoded text, and the bytes of a frame before they are decoded
		// (text frames pass through it too; binary frames are refused at their first
		// part).
		container.setMaxTextMessageBufferSize(MESSAGE_BUFFER_SIZE);
		container.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER_SIZE);
		return container;
	}

	@Bean
	ServerWebSocketContainer websocketContainer(WebSocketProperties websocket, WebSocketChatClients clients,
			ClientProperties client) {
		ServerWebSocketContainer container = new ServerWebSocketContainer(websocket.path());
		// Its session decorator judges sends only when two overlap (never: one drainer
		// per
		// client), but on close it turns the code into 4500 once a send took longer than
		// this; the watchdog's write-timeout comes first.
		container.setSendTimeLimit((int) Math.min(Integer.MAX_VALUE, client.writeTimeout().plusSeconds(5).toMillis()));
		container.setDecoratorFactories((handler) -> new SessionEndings(handler, clients));
		// Set, rather than left null, so that the container is a lifecycle that health
		// can
		// ask whether it runs.
		container.setHandshakeHandler(new DefaultHandshakeHandler(new LeanUpgradeStrategy()));
		// Runs before the origin check, which would throw on a malformed Origin.
		container.setInterceptors(new OriginCheck());
		if (!websocket.allowedOrigins().isEmpty()) {
			container.setAllowedOrigins(websocket.allowedOrigins().toArray(String[]::new));
		}
		return container;
	}

	@Bean
	WebSocketChatClients websocketChatClients(ChatHub hub, LineCodec codec, ChatProperties chat,
			ClientProperties client, WebSocketProperties websocket, ObjectProvider<Authenticator> authenticator,
			SwitchboardMetrics metrics, ScheduledExecutorService switchboardScheduler,
			ObjectProvider<WebSocketSubprotocol> carried) {
		// Other doors' protocols (IRC's text.ircv3.net) are offered beside the door's
		// own.
		WebSocketChatClients clients = new WebSocketChatClients(hub, codec.charset(), chat.maxMessageBytes(),
				new JsonDialect(new JsonMapper()), client.writeTimeout(), websocket.idleTimeout(),
				websocket.messageTimeout(), authenticator.getIfAvailable(), metrics, carried.orderedStream().toList());
		long timeout = websocket.messageTimeout().toMillis();
		if (timeout > 0) {
			// A tenth of the timeout late at most, and no busier than TCP's once a
			// second.
			long period = Math.clamp(timeout / 10, 10, 1000);
			switchboardScheduler.scheduleWithFixedDelay(clients::sweep, period, period, TimeUnit.MILLISECONDS);
		}
		return clients;
	}

	@Bean
	WebSocketInboundChannelAdapter websocketInboundAdapter(ServerWebSocketContainer websocketContainer,
			WebSocketChatClients clients) {
		return new WebSocketInboundChannelAdapter(websocketContainer, new SubProtocolHandlerRegistry(clients));
	}

	/**
	 * Text frames to the door, which reads each as its dialect's request and turns it
	 * into a frame with the client's session; frames to the broadcast service.
	 */
	@Bean
	IntegrationFlow websocketInboundFlow(WebSocketInboundChannelAdapter websocketInboundAdapter,
			WebSocketChatClients clients, ChatHub hub) {
		return IntegrationFlow.from(websocketInboundAdapter).handle(String.class, clients::route).handle(hub).get();
	}

	@Bean
	Listener websocketListener(WebSocketProperties websocket, ServerWebSocketContainer websocketContainer) {
		return new Listener.Socket("websocket", () -> Map.of("path", websocket.path()), websocketContainer::isRunning);
	}

}
