package io.switchboard.echo;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SwitchboardTest
class EchoTests {

	@Autowired
	@Qualifier("tcpEchoServer")
	TcpNetServerConnectionFactory tcpEcho;

	@Autowired
	@Qualifier("udpEchoSocket")
	DatagramSocket udpEcho;

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
	void udpEchoReturnsEachDatagramUnchanged() throws Exception {
		try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			client.setSoTimeout(10_000);
			InetSocketAddress server = new InetSocketAddress("127.0.0.1", this.udpEcho.getLocalPort());
			for (String text : new String[] { "one", "two\n", "x".repeat(9000) }) {
				byte[] sent = text.getBytes(StandardCharsets.UTF_8);
				client.send(new DatagramPacket(sent, sent.length, server));
				byte[] buffer = new byte[65_536];
				DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
				client.receive(reply);
				assertThat(Arrays.copyOf(buffer, reply.getLength())).isEqualTo(sent);
			}
		}
	}

}
