package io.switchboard.irc;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.switchboard.irc.IrcOperatorTests.joined;
import static io.switchboard.irc.IrcOperatorTests.mask;
import static io.switchboard.irc.IrcOperatorTests.nick;
import static io.switchboard.irc.IrcOperatorTests.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Plain IRC and IRC over TLS at once ({@code switchboard.irc.port} and
 * {@code switchboard.irc.tls-port}, 6667 and 6697): one door, so a client of either port
 * chats with the other's; each port speaks only its own.
 */
@SwitchboardTest({ "--switchboard.irc.ssl.bundle=irc", "--switchboard.irc.tls-port=0",
		"--switchboard.irc.line-timeout=2s",
		"--spring.ssl.bundle.pem.irc.keystore.certificate=classpath:tls/server.crt",
		"--spring.ssl.bundle.pem.irc.keystore.private-key=classpath:tls/server.key" })
class IrcPlainAndTlsPortsTests {

	@Autowired
	ChatServer server;

	@Test
	void aTlsClientAndAPlainClientShareAChannel() throws Exception {
		String room = room();
		String secure = nick("tls");
		String plain = nick("pl");
		assertThat(this.server.ircTlsPort()).isNotEqualTo(this.server.ircPort());
		SSLSocket socket = (SSLSocket) trustingTestCa().getSocketFactory()
			.createSocket("127.0.0.1", this.server.ircTlsPort());
		socket.setSoTimeout(10_000);
		socket.startHandshake();
		assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
		try (IrcProbe s = new IrcProbe(socket).register(secure);
				IrcProbe p = IrcProbe.registered(this.server.ircPort(), plain)) {
			joined(s, room);
			joined(p, room);
			s.send("PRIVMSG #" + room + " :over tls");
			assertThat(p.readUntil((line) -> line.contains(" PRIVMSG ")))
				.isEqualTo(":" + mask(secure) + " PRIVMSG #" + room + " :over tls");
			p.send("PRIVMSG #" + room + " :in the clear");
			assertThat(s.readUntil((line) -> line.contains(" PRIVMSG ")))
				.isEqualTo(":" + mask(plain) + " PRIVMSG #" + room + " :in the clear");
		}
	}

	@Test
	void eachPortSpeaksOnlyItsOwn() throws Exception {
		// Plain IRC on the TLS port is no handshake: no IRC line comes back.
		try (Socket socket = new Socket("127.0.0.1", this.server.ircTlsPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("NICK x\r\nUSER x 0 * :x\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] answer = socket.getInputStream().readNBytes(64);
			assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain(" 001 ");
		}
		// A TLS handshake on the plain port fails.
		try (SSLSocket socket = (SSLSocket) trustingTestCa().getSocketFactory()
			.createSocket("127.0.0.1", this.server.ircPort())) {
			socket.setSoTimeout(10_000);
			assertThat(catchThrowable(socket::startHandshake)).isInstanceOf(SSLException.class);
		}
	}

	@Test
	void healthListsBothPorts() {
		String health = this.server.http("GET", "/actuator/health", "").body();
		assertThat(health).contains("\"irc\"").contains("\"ircTls\"");
	}

	private static SSLContext trustingTestCa() throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(Path.of("src/test/resources/tls/ca.crt"))) {
			trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
