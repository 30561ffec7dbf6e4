package io.switchboard.echo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;

import io.switchboard.health.ListenerHealth;
import io.switchboard.hub.ChatProperties;
import io.switchboard.tcp.ChunkDeserializer;
import io.switchboard.tcp.Frame;
import io.switchboard.tcp.ReleasingTcpServerConnectionFactory;
import io.switchboard.tcp.SwitchboardTcpConnectionSupport;
import io.switchboard.udp.UdpSockets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * The seeds' EchoServer, TCP and UDP: every read or datagram goes back to its sender,
 * unchanged. A TCP client that does not read its echoes blocks only its own connection.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.echo.enabled", matchIfMissing = true)
class EchoConfiguration {

	private static final Log logger = LogFactory.getLog(EchoConfiguration.class);

	@Bean
	TcpNetServerConnectionFactory tcpEchoServer(EchoProperties echo, ChatProperties chat,
			ExecutorService switchboardExecutor) {
		TcpNetServerConnectionFactory factory = new ReleasingTcpServerConnectionFactory(echo.port());
		factory.setLocalAddress(echo.host());
		factory.setBacklog(1024);
		factory.setSoKeepAlive(true);
		factory.setTaskExecutor(switchboardExecutor);
		factory.setTcpNetConnectionSupport(new SwitchboardTcpConnectionSupport());
		factory.setDeserializer(new ChunkDeserializer(chat.maxMessageBytes(), false));
		factory.setSerializer(new ByteArrayRawSerializer());
		return factory;
	}

	@Bean
	IntegrationFlow tcpEchoFlow(TcpNetServerConnectionFactory tcpEchoServer) {
		return IntegrationFlow.from(Tcp.inboundGateway(tcpEchoServer))
			.handle(Frame.class, (frame, headers) -> frame.bytes())
			.get();
	}

	@Bean(destroyMethod = "close")
	DatagramSocket udpEchoSocket(EchoProperties echo) throws SocketException {
		return UdpSockets.bind(echo.host(), echo.port(), 256 * 1024);
	}

	@Bean
	UnicastReceivingChannelAdapter udpEchoAdapter(DatagramSocket udpEchoSocket) {
		UnicastReceivingChannelAdapter adapter = new UnicastReceivingChannelAdapter(udpEchoSocket.getLocalPort());
		adapter.setSocket(udpEchoSocket);
		adapter.setReceiveBufferSize(65_535);
		adapter.setTaskExecutor(UdpSockets.receiveLoopThenInline("udp-echo"));
		return adapter;
	}

	@Bean
	IntegrationFlow udpEchoFlow(UnicastReceivingChannelAdapter udpEchoAdapter, DatagramSocket udpEchoSocket) {
		return IntegrationFlow.from(udpEchoAdapter).handle(byte[].class, (datagram, headers) -> {
			if (headers.get(IpHeaders.PACKET_ADDRESS) instanceof InetSocketAddress peer) {
				try {
					udpEchoSocket.send(new DatagramPacket(datagram, datagram.length, peer));
				}
				catch (IOException ex) {
					logger.debug("Echo to " + peer + " failed: " + ex);
				}
			}
			return null;
		}).get();
	}

	@Bean
	HealthIndicator echoHealthIndicator(TcpNetServerConnectionFactory tcpEchoServer,
			UnicastReceivingChannelAdapter udpEchoAdapter) {
		return new ListenerHealth(tcpEchoServer::getPort,
				() -> tcpEchoServer.isListening() && udpEchoAdapter.isListening());
	}

}
