package io.switchboard.echo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.transport.DatagramReceiver;
import io.switchboard.transport.UdpSockets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;

/**
 * The UDP echo, only with {@code switchboard.echo.udp-enabled=true}: one forged datagram
 * whose source was the echo port itself made it answer itself forever, and it reflected
 * anything to any forged source. Every answer now passes the {@link EchoGuard}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "switchboard.echo.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("switchboard.echo.udp-enabled")
class UdpEchoConfiguration {

	private static final Log logger = LogFactory.getLog(UdpEchoConfiguration.class);

	/** Where the server listens, as configured; ports set to 0 come from events. */
	private static final List<String> PORT_PROPERTIES = List.of("switchboard.tcp.port", "switchboard.udp.port",
			"server.port", "management.server.port");

	/** Bound when {@link #udpEchoAdapter} starts, not while the context refreshes. */
	@Bean(destroyMethod = "close")
	DatagramSocket udpEchoSocket() throws SocketException {
		return UdpSockets.unbound(256 * 1024);
	}

	@Bean
	EchoGuard udpEchoGuard(EchoProperties echo, Environment environment, MeterRegistry meters,
			ScheduledExecutorService switchboardScheduler) {
		List<Integer> configured = PORT_PROPERTIES.stream()
			.map((key) -> environment.getProperty(key, Integer.class, 0))
			.toList();
		EchoGuard guard = new EchoGuard(echo.udpByteRate().toBytes(), configured, meters);
		guard.ownPort(echo.port()); // the bound port too, once bound (udpEchoAdapter)
		switchboardScheduler.scheduleWithFixedDelay(guard::sweep, 1, 1, TimeUnit.SECONDS);
		return guard;
	}

	@Bean
	DatagramReceiver udpEchoAdapter(DatagramSocket udpEchoSocket, EchoProperties echo, EchoGuard udpEchoGuard) {
		DatagramReceiver adapter = new DatagramReceiver(udpEchoSocket, () -> {
			UdpSockets.bind(udpEchoSocket, "UDP echo", "switchboard.echo", echo.host(), echo.port());
			udpEchoGuard.ownPort(udpEchoSocket.getLocalPort());
		}, "udp-echo", udpEchoGuard::late);
		adapter.setReceiveBufferSize(65_535);
		return adapter;
	}

	@Bean
	IntegrationFlow udpEchoFlow(DatagramReceiver udpEchoAdapter, DatagramSocket udpEchoSocket, EchoGuard udpEchoGuard) {
		return IntegrationFlow.from(udpEchoAdapter).handle(byte[].class, (datagram, headers) -> {
			if (headers.get(IpHeaders.PACKET_ADDRESS) instanceof InetSocketAddress peer
					&& udpEchoGuard.admit(peer, datagram.length)) {
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

}
