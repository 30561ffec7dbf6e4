package io.switchboard.echo;

import java.util.concurrent.ExecutorService;

import io.switchboard.core.ChatProperties;
import io.switchboard.core.Frame;
import io.switchboard.transport.ChunkDeserializer;
import io.switchboard.transport.Listener;
import io.switchboard.transport.ReleasingTcpServerConnectionFactory;
import io.switchboard.transport.SwitchboardTcpConnectionSupport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * The seeds' EchoServer over TCP: every read goes back to its sender, unchanged. A client
 * that does not read its echoes blocks only its own connection. The UDP echo is opt-in
 * ({@link UdpEchoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.echo.enabled", matchIfMissing = true)
class EchoConfiguration {

	@Bean
	TcpNetServerConnectionFactory tcpEchoServer(EchoProperties echo, ChatProperties chat,
			ExecutorService switchboardExecutor) {
		TcpNetServerConnectionFactory factory = new ReleasingTcpServerConnectionFactory("TCP echo", "switchboard.echo",
				echo.port());
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

	/**
	 * One component for the echo service: TCP, and UDP when
	 * {@code switchboard.echo.udp-enabled} binds it.
	 */
	@Bean
	Listener echoListener(TcpNetServerConnectionFactory tcpEchoServer,
			@Qualifier("udpEchoAdapter") ObjectProvider<UnicastReceivingChannelAdapter> udpEchoAdapter) {
		return Listener.onPort("echo", tcpEchoServer::getPort, () -> tcpEchoServer.isListening()
				&& udpEchoAdapter.stream().allMatch(UnicastReceivingChannelAdapter::isListening));
	}

}
