package io.switchboard.tcp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * TLS on the chat port with a PEM SSL bundle, checked with the JDK's SSLSocket and with
 * openssl s_client.
 */
@SwitchboardTest({ "--spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server.crt",
		"--spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server.key",
		"--spring.ssl.bundle.pem.chat.truststore.certificate=classpath:tls/ca.crt", "--switchboard.tcp.ssl.bundle=chat",
		"--switchboard.tcp.ssl.client-auth=want" })
class TlsTests {

	@Autowired
	ChatServer server;

	@Test
	void tlsClientsChatAndPlainTcpIsNotUnderstood() throws Exception {
		try (SSLSocket alice = connect(null); SSLSocket bob = connect("client")) {
			BufferedReader aliceIn = reader(alice);
			BufferedReader bobIn = reader(bob);
			assertThat(aliceIn.readLine()).startsWith("* welcome to switchboard");
			assertThat(bobIn.readLine()).startsWith("* welcome to switchboard");
			assertThat(alice.getSession().getProtocol()).startsWith("TLSv1.");
			send(alice, "/join tls-room");
			send(bob, "/join tls-room");
			assertThat(aliceIn.readLine()).isEqualTo("* you are now in room tls-room");
			assertThat(bobIn.readLine()).isEqualTo("* you are now in room tls-room");
			send(alice, "over tls");
			assertThat(bobIn.readLine()).endsWith(" over tls");
		}
	}

	@Test
	void httpRequestInsideTlsGetsA400AfterTheGreetingAndIsClosed() throws Exception {
		try (SSLSocket browser = connect(null)) {
			browser.getOutputStream().write("GET / HTTP/1.1\r\nHost: chat\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			String answer = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("* welcome to switchboard")
				.endsWith("\nHTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n"
						+ "Connection: close\r\n\r\nERR this is a chat port\n");
		}
	}

	@Test
	void opensslClientChatsOverTls() throws Exception {
		assumeThat(opensslAvailable()).as("openssl on the PATH").isTrue();
		Process openssl = new ProcessBuilder("openssl", "s_client", "-quiet", "-connect",
				"127.0.0.1:" + this.server.tcpPort(), "-CAfile", resource("ca.crt"), "-verify_return_error")
			.redirectErrorStream(false)
			.start();
		try {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).startsWith("* welcome to switchboard");
			OutputStream out = openssl.getOutputStream();
			out.write("/ping\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(in.readLine()).isEqualTo("* pong");
			out.write("quit\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(in.readLine()).isEqualTo("* bye");
			assertThat(openssl.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			openssl.destroyForcibly();
		}
	}

	private SSLSocket connect(String clientKey) throws Exception {
		return connect(this.server.tcpPort(), clientKey);
	}

	static SSLSocket connect(int port, String clientKey) throws Exception {
		SSLSocket socket = (SSLSocket) context(clientKey).getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		socket.startHandshake();
		return socket;
	}

	/**
	 * An SSL context trusting the test CA, presenting {@code tls/NAME.crt} if a name is
	 * given.
	 */
	static SSLContext context(String clientKey) throws Exception {
		PemSslStoreDetails trust = PemSslStoreDetails.forCertificate("classpath:tls/ca.crt");
		PemSslStoreDetails key = (clientKey != null)
				? PemSslStoreDetails.forCertificate("classpath:tls/" + clientKey + ".crt")
					.withPrivateKey("classpath:tls/" + clientKey + ".key")
				: null;
		SslStoreBundle stores = new PemSslStoreBundle(key, trust);
		return SslBundle.of(stores).createSslContext();
	}

	static void send(SSLSocket socket, String line) throws Exception {
		socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
	}

	static BufferedReader reader(SSLSocket socket) throws Exception {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

	static String resource(String name) {
		return Path.of("src/test/resources/tls", name).toString();
	}

	static boolean opensslAvailable() {
		try {
			return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
