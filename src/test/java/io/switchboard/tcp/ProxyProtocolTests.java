package io.switchboard.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.switchboard.tcp.ProxyHeaders.TLVS;
import static io.switchboard.tcp.ProxyHeaders.ascii;
import static io.switchboard.tcp.ProxyHeaders.connect;
import static io.switchboard.tcp.ProxyHeaders.v1;
import static io.switchboard.tcp.ProxyHeaders.v2;
import static io.switchboard.tcp.ProxyHeaders.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PROXY protocol on the chat port: real v1 and v2 headers written on real sockets.
 * The trusted proxy is 127.0.0.1; 127.0.0.2 and up are other hosts.
 */
@SwitchboardTest({ "--switchboard.tcp.proxy-protocol=any", "--switchboard.tcp.proxy-trusted=127.0.0.1/32, 192.0.2.0/24",
		"--switchboard.max-clients-per-ip=1" })
class ProxyProtocolTests {

	private static final String REFUSED = "ERR PROXY header refused: your address is not a trusted proxy";

	@Autowired
	ChatServer server;

	@Test
	void v1SourceIsTheClientsAddressInClientsAndInChatLines() {
		try (LineClient client = proxied(v1("203.0.113.1", 40001))) {
			assertThat(client.readLine()).startsWith("* welcome to switchboard, you are 203.0.113.1:40001 in room");
			assertThat(adminClients()).contains("\"remoteAddress\":\"203.0.113.1:40001\"");
			client.command("/join proxy-v1");
			client.send("hello");
			assertThat(client.readLine()).endsWith(" 203.0.113.1:40001 hello");
		}
	}

	@Test
	void v2SourcesOverIpv4AndIpv6AreTheClientsAddressesAndTlvsAreSkipped() {
		try (LineClient four = proxied(v2("203.0.113.2", 40002, TLVS));
				LineClient six = proxied(v2("2001:db8::7", 40003, new byte[0]))) {
			assertThat(four.readLine()).startsWith("* welcome");
			assertThat(six.readLine()).startsWith("* welcome");
			assertThat(four.command("/ping")).isEqualTo("* pong");
			assertThat(adminClients()).contains("\"remoteAddress\":\"203.0.113.2:40002\"",
					"\"remoteAddress\":\"[2001:db8:0:0:0:0:0:7]:40003\"");
		}
	}

	@Test
	void headersWithoutAnAddressLeaveTheProxysOwn() {
		// One after the other: both are the proxy's own address, which may hold one slot.
		for (byte[] header : List.of(ascii("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n"), v2(0x20, 0x00, new byte[0]))) {
			String address;
			try (Socket socket = connect("127.0.0.1", port()); LineClient client = new LineClient(socket)) {
				write(socket, header);
				assertThat(client.readLine()).startsWith("* welcome");
				address = "127.0.0.1:" + socket.getLocalPort();
				assertThat(adminClients()).contains(address);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			await().until(() -> !adminClients().contains(address));
		}
	}

	@Test
	void perIpLimitsCountTheProxiedAddress() {
		// One after the other: connections opened at once are admitted in whatever order
		// their reader threads run, and the first of one source is the one admitted.
		try (LineClient first = proxied(v1("203.0.113.20", 1000))) {
			assertThat(first.readLine()).startsWith("* welcome");
			try (LineClient sameSource = proxied(v2("203.0.113.20", 1001, TLVS));
					LineClient otherSource = proxied(v1("203.0.113.21", 1002))) {
				assertThat(sameSource.readLine()).isEqualTo("ERR too many connections from your address (max 1)");
				assertThat(sameSource.readToEnd()).isEmpty();
				assertThat(otherSource.readLine()).startsWith("* welcome");
				assertThat(adminClients()).contains("203.0.113.20:1000", "203.0.113.21:1002").doesNotContain("1001");
			}
		}
	}

	@Test
	void badHeadersFromTheTrustedProxyAreRefusedWithAReasonAndNothingIsAdmitted() {
		assertRefused(ascii("PROXY TCP4 203.0.113.300 127.0.0.1 1 2\r\n"),
				"ERR invalid PROXY header: v1 addresses are not TCP4 addresses");
		assertRefused(ascii("PROXY TCP4 203.0.113.30 127.0.0.1 70000 2\r\n"),
				"ERR invalid PROXY header: v1 port '70000' is not 0-65535");
		assertRefused(ascii("PROXY TCP4 203.0.113.31 127.0.0.1 1 2\n"),
				"ERR invalid PROXY header: v1 line does not end with CRLF");
		assertRefused(ascii("PROXY TCP4 203.0.113.32 " + "1".repeat(100) + "\r\n"),
				"ERR invalid PROXY header: v1 longer than 107 bytes");
		assertRefused(ascii("hello, no header\n"), "ERR invalid PROXY header: the connection does not start with one");
		assertRefused(v2(0x31, 0x11, new byte[12]), "ERR invalid PROXY header: v2 with version/command byte 0x31");
		assertRefused(v2(0x21, 0x12, new byte[12]), "ERR invalid PROXY header: v2 family/transport 0x12 is not TCP");
		assertRefused(v2(0x21, 0x11, new byte[8]),
				"ERR invalid PROXY header: v2 length 8 is too short for its addresses");
		assertRefused(v2(0x21, 0x11, new byte[3000]),
				"ERR invalid PROXY header: v2 announces 3000 bytes, more than 2048");
		assertThat(metrics()).containsPattern(
				"switchboard_connections_closed_total\\{.*protocol=\"tcp\",reason=\"proxy-invalid\"} ([1-9][0-9]*)");
		assertThat(adminClients()).doesNotContain("203.0.113.3");
	}

	@Test
	void aTruncatedHeaderIsRefusedWhenTheProxyStopsSending() throws IOException {
		byte[] header = v2("203.0.113.40", 1, TLVS);
		try (Socket socket = connect("127.0.0.1", port()); LineClient client = new LineClient(socket)) {
			write(socket, Arrays.copyOf(header, header.length - 3));
			socket.shutdownOutput();
			assertThat(client.readLine()).isEqualTo("ERR invalid PROXY header: the connection ended inside it");
			assertThat(client.readToEnd()).isEmpty();
		}
	}

	@Test
	void aHeaderTrickledAByteASecondIsCutAtTheFiveSecondDeadline() {
		byte[] header = v1("203.0.113.50", 1);
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		try (Socket socket = connect("127.0.0.1", port()); LineClient client = new LineClient(socket)) {
			AtomicInteger sent = new AtomicInteger();
			long start = System.nanoTime();
			trickle.scheduleAtFixedRate(() -> {
				int next = sent.getAndIncrement();
				if (next < header.length) {
					write(socket, new byte[] { header[next] });
				}
			}, 0, 1, TimeUnit.SECONDS);
			assertThat(client.readLine()).isEqualTo("ERR no complete PROXY header within 5s");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(9));
			assertThat(sent.get()).isLessThan(header.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			trickle.shutdownNow();
		}
		assertThat(metrics()).containsPattern(
				"switchboard_connections_closed_total\\{.*protocol=\"tcp\",reason=\"proxy-timeout\"} [1-9]");
		assertThat(adminClients()).doesNotContain("203.0.113.50");
	}

	@Test
	void aHeaderFromAnUntrustedAddressIsRefusedAndNeverReachesTheRoom() {
		try (LineClient witness = untrusted("127.0.0.5", new byte[0]);
				LineClient v1Sender = untrusted("127.0.0.2", v1("203.0.113.60", 1));
				LineClient v2Sender = untrusted("127.0.0.3", v2("203.0.113.61", 1, TLVS))) {
			witness.readLine();
			for (LineClient sender : List.of(v1Sender, v2Sender)) {
				assertThat(sender.readLine()).startsWith("* welcome to switchboard, you are 127.0.0.");
				assertThat(sender.readLine()).isEqualTo(REFUSED);
				assertThat(sender.readToEnd()).isEmpty();
			}
			witness.send("marker");
			assertThat(witness.readLine()).endsWith(" marker");
			assertThat(adminClients()).doesNotContain("203.0.113.6");
		}
		// Counted when the connection is gone (a refused client is closed with FIN).
		await().untilAsserted(() -> assertThat(metrics()).containsPattern(
				"switchboard_connections_closed_total\\{.*protocol=\"tcp\",reason=\"proxy-refused\"} [2-9]"));
	}

	@Test
	void aClientBehindTheTrustedProxySendingAHeaderOfItsOwnIsRefused() {
		byte[] both = ProxyHeaders.concat(v1("203.0.113.70", 1), v1("198.51.100.70", 2));
		try (LineClient client = proxied(both)) {
			assertThat(client.readLine()).startsWith("* welcome to switchboard, you are 203.0.113.70:1 ");
			assertThat(client.readLine()).isEqualTo(REFUSED);
			assertThat(client.readToEnd()).isEmpty();
			assertThat(adminClients()).doesNotContain("198.51.100.70");
		}
	}

	@Test
	void untrustedClientsChatAsThemselvesEvenSayingProxy() {
		try (Socket socket = connect("127.0.0.4", port()); LineClient client = new LineClient(socket)) {
			assertThat(client.readLine()).startsWith("* welcome to switchboard, you are 127.0.0.4:");
			client.command("/join proxy-chat");
			client.send("PROXY servers are fine");
			assertThat(client.readLine()).endsWith("127.0.0.4:" + socket.getLocalPort() + " PROXY servers are fine");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void assertRefused(byte[] header, String error) {
		try (Socket socket = connect("127.0.0.1", port()); LineClient client = new LineClient(socket)) {
			write(socket, header);
			assertThat(client.readLine()).isEqualTo(error);
			assertThat(client.readToEnd()).isEmpty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private LineClient proxied(byte[] header) {
		Socket socket = connect("127.0.0.1", port());
		write(socket, header);
		return new LineClient(socket);
	}

	private LineClient untrusted(String localAddress, byte[] header) {
		Socket socket = connect(localAddress, port());
		write(socket, header);
		return new LineClient(socket);
	}

	private String adminClients() {
		return this.server.getAsAdmin("/actuator/clients").body();
	}

	private String metrics() {
		return this.server.get("/actuator/prometheus").body();
	}

	private int port() {
		return this.server.tcpPort();
	}

}
