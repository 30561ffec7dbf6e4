package io.switchboard.tcp;

import java.io.BufferedReader;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.net.ssl.SSLSocket;

import io.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;
import io.switchboard.transport.StreamListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A renewed certificate in a reloading PEM bundle is served to new connections without a
 * restart, and connections made before keep working.
 */
class TlsReloadTests {

	@Test
	void renewedCertificateIsServedWithoutARestart(@TempDir Path dir) throws Exception {
		Path certificate = dir.resolve("tls.crt");
		Path key = dir.resolve("tls.key");
		Files.copy(Path.of("src/test/resources/tls/server.crt"), certificate);
		Files.copy(Path.of("src/test/resources/tls/server.key"), key);
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.enabled=false",
				"--spring.ssl.bundle.pem.chat.reload-on-update=true",
				"--spring.ssl.bundle.watch.file.quiet-period=100ms",
				"--spring.ssl.bundle.pem.chat.keystore.certificate=" + certificate,
				"--spring.ssl.bundle.pem.chat.keystore.private-key=" + key, "--switchboard.tcp.ssl.bundle=chat");
		try {
			StreamListener server = app.getBean("tcpChatServer", StreamListener.class);
			await().until(server::isListening);
			int port = server.getPort();
			app.getBean("udpChatSocket", DatagramSocket.class); // the whole application
																// is up
			try (SSLSocket before = TlsTests.connect(port, null)) {
				BufferedReader in = TlsTests.reader(before);
				assertThat(in.readLine()).startsWith("* welcome");

				// the renewed certificate's key is written first: the watcher reloads
				// once
				// both files settle
				Files.copy(Path.of("src/test/resources/tls/renewed.key"), key, StandardCopyOption.REPLACE_EXISTING);
				Files.copy(Path.of("src/test/resources/tls/renewed.crt"), certificate,
						StandardCopyOption.REPLACE_EXISTING);
				await().ignoreExceptions().untilAsserted(() -> {
					try (SSLSocket after = trustingOnlyTheRenewedCertificate(port)) {
						assertThat(TlsTests.reader(after).readLine()).startsWith("* welcome");
					}
				});

				TlsTests.send(before, "/ping");
				assertThat(in.readLine()).as("the connection made before still works").isEqualTo("* pong");
			}
		}
		finally {
			app.close();
		}
	}

	private static SSLSocket trustingOnlyTheRenewedCertificate(int port) throws Exception {
		SslBundle trust = SslBundle
			.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate("classpath:tls/renewed.crt")));
		SSLSocket socket = (SSLSocket) trust.createSslContext().getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		socket.startHandshake();
		return socket;
	}

}
