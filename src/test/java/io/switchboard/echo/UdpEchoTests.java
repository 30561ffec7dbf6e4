package io.switchboard.echo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The UDP echo switched on, with its default byte rate (8 KB/s, bursts of 16 KB). Each
 * test sends from a loopback address of its own (127.0.0.x), since the rate is per
 * address.
 */
@SwitchboardTest("--switchboard.echo.udp-enabled=true")
class UdpEchoTests {

	private static final int BURST = 16 * 1024;

	private static final int RATE = 8 * 1024;

	@Autowired
	@Qualifier("udpEchoSocket")
	DatagramSocket udpEcho;

	@Autowired
	@Qualifier("tcpEchoServer")
	TcpNetServerConnectionFactory tcpEcho;

	@Autowired
	ChatServer server;

	@Autowired
	WebServerApplicationContext web;

	@Autowired
	MeterRegistry meters;

	@Test
	void udpEchoReturnsEachDatagramUnchanged() throws Exception {
		try (DatagramSocket client = socket("127.0.0.1", 0)) {
			for (String text : new String[] { "one", "two\n", "x".repeat(9000) }) {
				byte[] sent = text.getBytes(StandardCharsets.UTF_8);
				send(client, sent);
				assertThat(receive(client, 10_000)).isEqualTo(sent);
			}
		}
		String readiness = this.server.get("/actuator/health/readiness").body();
		assertThat((String) JsonPath.read(readiness, "$.components.echo.status")).isEqualTo("UP");
	}

	@Test
	void datagramsFromTheServersOwnListeningPortsAreNeverAnswered() throws Exception {
		await().until(this.tcpEcho::isListening);
		// The chat's TCP port, the HTTP port and the TCP echo port are free as UDP ports,
		// so a test can send from them what a forger would.
		List<Integer> ownPorts = List.of(this.server.tcpPort(), this.web.getWebServer().getPort(),
				this.tcpEcho.getPort());
		double droppedBefore = dropped("own-port");
		try (DatagramSocket chat = socket("127.0.0.2", ownPorts.get(0));
				DatagramSocket http = socket("127.0.0.2", ownPorts.get(1));
				DatagramSocket echo = socket("127.0.0.2", ownPorts.get(2));
				DatagramSocket honest = socket("127.0.0.2", 0)) {
			for (DatagramSocket forged : List.of(chat, http, echo)) {
				send(forged, "loop?".getBytes());
			}
			// The echo handles datagrams in order: once the honest one is answered, the
			// others have been judged.
			send(honest, "hello".getBytes());
			assertThat(receive(honest, 10_000)).isEqualTo("hello".getBytes());
			for (DatagramSocket forged : List.of(chat, http, echo)) {
				assertThat(receive(forged, 100)).as("answer to port " + forged.getLocalPort()).isNull();
			}
		}
		assertThat(dropped("own-port")).isEqualTo(droppedBefore + 3);
	}

	@Test
	void echoToOneAddressStaysWithinBurstPlusRateAndOtherAddressesAreStillAnswered() throws Exception {
		byte[] datagram = new byte[1000];
		int sent = 40;
		double droppedBefore = dropped("rate");
		try (DatagramSocket flooder = socket("127.0.0.3", 0); DatagramSocket other = socket("127.0.0.4", 0)) {
			flooder.setReceiveBufferSize(1 << 20);
			long start = System.nanoTime();
			for (int i = 0; i < sent; i++) {
				send(flooder, datagram);
			}
			long received = 0;
			long lastReceived = start;
			while (receive(flooder, 1000) != null) {
				received += datagram.length;
				lastReceived = System.nanoTime();
			}
			double elapsedSeconds = (lastReceived - start) / 1e9;
			assertThat(received).isPositive().isLessThanOrEqualTo((long) (BURST + RATE * elapsedSeconds));
			assertThat(received).isLessThan((long) sent * datagram.length);
			assertThat(dropped("rate")).isGreaterThan(droppedBefore);

			send(other, datagram);
			assertThat(receive(other, 10_000)).hasSize(datagram.length);
		}
	}

	private double dropped(String reason) {
		return this.meters.get("switchboard.echo.dropped").tag("reason", reason).counter().count();
	}

	private void send(DatagramSocket from, byte[] bytes) throws IOException {
		from.send(new DatagramPacket(bytes, bytes.length,
				new InetSocketAddress("127.0.0.1", this.udpEcho.getLocalPort())));
	}

	/**
	 * The next datagram, or null if none came within the time.
	 */
	private static byte[] receive(DatagramSocket socket, int millis) throws IOException {
		socket.setSoTimeout(millis);
		byte[] buffer = new byte[65_536];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		try {
			socket.receive(packet);
			return Arrays.copyOf(buffer, packet.getLength());
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
	}

	private static DatagramSocket socket(String host, int port) throws IOException {
		return new DatagramSocket(new InetSocketAddress(host, port));
	}

}
