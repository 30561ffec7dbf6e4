package io.switchboard.udp;

import java.net.DatagramSocket;
import java.net.SocketException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.CloseReason;
import io.switchboard.core.LineCodec;
import io.switchboard.core.SwitchboardMetrics;
import io.switchboard.transport.DatagramMembers;
import io.switchboard.transport.DatagramReceiver;
import io.switchboard.transport.Listener;
import io.switchboard.transport.UdpSockets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The UDP chat listener: an inbound adapter on a socket we own (replies and broadcasts
 * leave from the same port) and the flow that routes its datagrams to the peer table.
 */
@Configuration(proxyBeanMethods = false)
class UdpServerConfiguration {

	/** Bound when {@link #udpChatAdapter} starts, not while the context refreshes. */
	@Bean(destroyMethod = "close")
	DatagramSocket udpChatSocket(UdpProperties udp) throws SocketException {
		return UdpSockets.unbound((int) udp.socketReceiveBuffer().toBytes());
	}

	@Bean
	DatagramReceiver udpChatAdapter(DatagramSocket udpChatSocket, UdpProperties udp, ChatProperties chat,
			SwitchboardMetrics metrics) {
		DatagramReceiver adapter = new DatagramReceiver(udpChatSocket,
				() -> UdpSockets.bind(udpChatSocket, "UDP", "switchboard.udp", udp.host(), udp.port()), "udp-chat",
				() -> metrics.dropped(CloseReason.SHUTDOWN.tag()));
		// The default 2048-byte buffer silently truncates; leave room for a member's key
		// and its space, CRLF and one byte more, so an over-long datagram is seen as
		// such.
		adapter.setReceiveBufferSize(MemberKey.LENGTH + 1 + chat.maxMessageBytes() + 3);
		return adapter;
	}

	@Bean
	UdpChatPeers udpChatPeers(DatagramSocket udpChatSocket, ChatHub hub, LineCodec codec, UdpProperties udp,
			ChatProperties chat, ScheduledExecutorService switchboardScheduler, SwitchboardMetrics metrics) {
		UdpChatPeers peers = new UdpChatPeers(udpChatSocket, hub, codec, new JoinTokens(Clock.systemUTC()), udp,
				chat.maxMessageBytes(), metrics);
		switchboardScheduler.scheduleWithFixedDelay(peers::expire, 1, 1, TimeUnit.SECONDS);
		return peers;
	}

	/**
	 * Datagrams to the peer table, which answers the join handshake and turns a member's
	 * message into a frame with its session; frames to the broadcast service.
	 */
	@Bean
	IntegrationFlow udpInboundFlow(DatagramReceiver udpChatAdapter, UdpChatPeers peers, ChatHub hub) {
		return IntegrationFlow.from(udpChatAdapter).handle(byte[].class, peers::route).handle(hub).get();
	}

	@Bean
	Listener udpListener(DatagramReceiver udpChatAdapter, DatagramSocket udpChatSocket) {
		return Listener.onPort("udp", udpChatSocket::getLocalPort, udpChatAdapter::isListening);
	}

}
