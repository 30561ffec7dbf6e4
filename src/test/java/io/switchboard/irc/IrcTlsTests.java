package io.switchboard.irc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS on the IRC port ({@code switchboard.irc.ssl.bundle}) from a reloading PEM bundle
 * whose files are copies this class may replace: TLS IRC clients chat with every other
 * door, plain IRC on the TLS port is not understood, a handshake never finished does not
 * hold its slot, and a renewed certificate is served without a restart.
 */
@SwitchboardTest({ "--switchboard.irc.ssl.bundle=irc", "--switchboard.irc.line-timeout=2s",
		"--spring.ssl.bundle.pem.irc.reload-on-update=true", "--spring.ssl.bundle.watch.file.quiet-period=100ms" })
class IrcTlsTests {

	private static final Path BUNDLE = Path.of("target", "irc-tls-tests", UUID.randomUUID().toString());

	@Autowired
	ChatServer server;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void bundleFiles(DynamicPropertyRegistry registry) throws IOException {
		Files.createDirectories(BUNDLE);
		Files.copy(Path.of("src/test/resources/tls/server.crt"), BUNDLE.resolve("tls.crt"));
		Files.copy(Path.of("src/test/resources/tls/server.key"), BUNDLE.resolve("tls.key"));
		registry.add("spring.ssl.bundle.pem.irc.keystore.certificate", () -> BUNDLE.resolve("tls.crt").toString());
		registry.add("spring.ssl.bundle.pem.irc.keystore.private-key", () -> BUNDLE.resolve("tls.key").toString());
	}

	@Test
	void aTlsIrcClientRegistersJoinsTheLobbyAndChatsWithAnNcClient() throws Exception {
		String nick = "tls" + UUID.randomUUID().toString().substring(0, 6);
		SSLSocket socket = connect(trusting("ca.crt", "renewed.crt"));
		assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
		try (IrcProbe irc = new IrcProbe(socket); LineClient nc = LineClient.connected(this.server.tcpPort())) {
			assertThat(nc.command("/nick " + nick + "nc")).isEqualTo("* you are now " + nick + "nc");
			irc.send("NICK " + nick).send("USER " + nick + " 0 * :Over TLS");
			assertThat(irc.readUntil((line) -> line.contains(" 001 ")))
				.startsWith(":switchboard 001 " + nick + " :Welcome to the Switchboard");
			irc.readUntil((line) -> line.contains(" 422 "));
			irc.send("JOIN #lobby");
			assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " JOIN #lobby");
			assertThat(irc.readUntil((line) -> line.contains(" 353 "))).contains(nick + "nc");
			irc.readUntil((line) -> line.contains(" 366 "));
			irc.send("PRIVMSG #lobby :hello over tls");
			assertThat(nc.readUntil((line) -> line.contains("hello over tls")))
				.endsWith("] " + nick + " hello over tls");
			nc.send("hello in plain tcp");
			assertThat(irc.readUntil((line) -> line.contains(" PRIVMSG #lobby ")))
				.isEqualTo(":" + mask(nick + "nc") + " PRIVMSG #lobby :hello in plain tcp");
			irc.send("QUIT :done");
			List<String> rest = irc.readToEnd();
			assertThat(rest).as("ERROR goes over TLS before the close")
				.last()
				.isEqualTo("ERROR :Closing link: switchboard (Quit: done)");
		}
	}

	@Test
	void plainIrcOnTheTlsPortGetsNoWelcomeAndIsClosed() throws Exception {
		try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), this.server.ircPort())) {
			plain.setSoTimeout(10_000);
			plain.getOutputStream().write("NICK plain\r\nUSER plain 0 * :Plain\r\n".getBytes(StandardCharsets.UTF_8));
			String answer = new String(readToEnd(plain.getInputStream()), StandardCharsets.ISO_8859_1);
			assertThat(answer).doesNotContain("switchboard", "001", "NOTICE");
		}
	}

	@Test
	void aTlsHandshakeNeverStartedOrNeverFinishedIsClosedAtTheLineTimeout() throws Exception {
		double before = lineTimeouts();
		try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), this.server.ircPort());
				Socket half = new Socket(InetAddress.getLoopbackAddress(), this.server.ircPort())) {
			silent.setSoTimeout(10_000);
			half.setSoTimeout(10_000);
			half.getOutputStream().write(new byte[] { 0x16, 0x03, 0x01 }); // half a
																			// record
																			// header
			// Closed well before the registration timeout (30 s) and the read timeout
			assertThat(new String(readToEnd(silent.getInputStream()), StandardCharsets.ISO_8859_1))
				.doesNotContain("ERROR");
			assertThat(new String(readToEnd(half.getInputStream()), StandardCharsets.ISO_8859_1))
				.doesNotContain("ERROR");
		}
		await().until(() -> lineTimeouts() >= before + 2);
	}

	@Test
	void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
		String nick = "old" + UUID.randomUUID().toString().substring(0, 6);
		try (IrcProbe before = new IrcProbe(connect(trusting("ca.crt", "renewed.crt"))).register(nick)) {
			// the renewed certificate's key is written first: the watcher reloads once
			// both files settle
			Files.copy(Path.of("src/test/resources/tls/renewed.key"), BUNDLE.resolve("tls.key"),
					StandardCopyOption.REPLACE_EXISTING);
			Files.copy(Path.of("src/test/resources/tls/renewed.crt"), BUNDLE.resolve("tls.crt"),
					StandardCopyOption.REPLACE_EXISTING);
			SSLContext onlyRenewed = trusting("renewed.crt");
			await().ignoreExceptions().untilAsserted(() -> {
				try (IrcProbe after = new IrcProbe(connect(onlyRenewed))) {
					after.send("PING :renewed");
					assertThat(after.readUntil((line) -> line.contains("PONG"))).endsWith(" :renewed");
				}
			});
			before.send("PING :still-here");
			assertThat(before.readUntil((line) -> line.contains("PONG"))).as("the connection made before still works")
				.endsWith(" :still-here");
		}
	}

	private SSLSocket connect(SSLContext context) throws IOException {
		SSLSocket socket = (SSLSocket) context.getSocketFactory()
			.createSocket(InetAddress.getLoopbackAddress(), this.server.ircPort());
		socket.setSoTimeout(10_000);
		socket.startHandshake();
		return socket;
	}

	/**
	 * A client context trusting these test certificates ({@code tls/NAME}): the test CA
	 * and the renewed certificate, so that tests pass whichever the server serves.
	 */
	private static SSLContext trusting(String... certificates) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		for (String name : certificates) {
			try (InputStream in = Files.newInputStream(Path.of("src/test/resources/tls", name))) {
				trusted.setCertificateEntry(name, factory.generateCertificate(in));
			}
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	/**
	 * Everything the server sends until it closes (EOF or reset); fails if it does not
	 * close within the socket's read timeout.
	 */
	private static byte[] readToEnd(InputStream in) {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		try {
			for (int b = in.read(); b >= 0; b = in.read()) {
				read.write(b);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Not closed within the read timeout", ex);
		}
		catch (IOException ex) {
			// reset: closed too
		}
		return read.toByteArray();
	}

	private double lineTimeouts() {
		Counter counter = this.meters.find("switchboard.connections.closed")
			.tags("protocol", "irc", "reason", "line-timeout")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String mask(String nick) {
		return nick + "!~" + nick.substring(0, Math.min(10, nick.length())) + "@switchboard";
	}

}
