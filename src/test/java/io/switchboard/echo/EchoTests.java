package io.switchboard.echo;

import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The echo with its defaults: TCP on, UDP off. The echo port is one that was free for TCP
 * and UDP alike, as 9007 is in production, so that a UDP echo, if one were bound, would
 * answer on it.
 */
@SwitchboardTest
class EchoTests {

	@Autowired
	@Qualifier("tcpEchoServer")
	TcpNetServerConnectionFactory tcpEcho;

	@Autowired
	ApplicationContext context;

	@Autowired
	ChatServer server;

	@DynamicPropertySource
	static void echoPortFreeForTcpAndUdp(DynamicPropertyRegistry registry) throws Exception {
		try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				DatagramSocket udp = new DatagramSocket(
						new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()))) {
			int port = udp.getLocalPort();
			registry.add("switchboard.echo.port", () -> port);
		}
	}

	@Test
	void tcpEchoReturnsBytesUnchangedToTheSenderOnly() throws Exception {
		await().until(this.tcpEcho::isListening);
		byte[] sent = "echo me\r\nand me\n\u00e9\u4e16".getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("127.0.0.1", this.tcpEcho.getPort());
				Socket other = new Socket("127.0.0.1", this.tcpEcho.getPort())) {
			socket.setSoTimeout(10_000);
			other.setSoTimeout(300);
			socket.getOutputStream().write(sent);
			InputStream in = socket.getInputStream();
			byte[] received = in.readNBytes(sent.length);
			assertThat(received).isEqualTo(sent);
			assertThat(other.getInputStream().available()).isZero();
		}
	}

	@Test
	void udpEchoIsOffByDefaultAndHealthReflectsTcpOnly() {
		await().until(this.tcpEcho::isListening);
		assertThat(this.context.containsBean("udpEchoSocket")).isFalse();
		try (UdpProbe probe = new UdpProbe(this.tcpEcho.getPort())) {
			probe.send("anyone there?");
			assertThat(probe.receiveWithin(500)).isEmpty();
		}
		String readiness = this.server.get("/actuator/health/readiness").body();
		assertThat((String) JsonPath.read(readiness, "$.components.echo.status")).isEqualTo("UP");
		assertThat((Integer) JsonPath.read(readiness, "$.components.echo.details.port"))
			.isEqualTo(this.tcpEcho.getPort());
	}

}
