package io.switchboard.tcp;

import java.io.BufferedReader;

import javax.net.ssl.SSLSocket;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code switchboard.tcp.ssl.client-auth=need}: only clients with a certificate from the
 * bundle's trusted CA get in.
 */
@SwitchboardTest({ "--spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server.crt",
		"--spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server.key",
		"--spring.ssl.bundle.pem.chat.truststore.certificate=classpath:tls/ca.crt", "--switchboard.tcp.ssl.bundle=chat",
		"--switchboard.tcp.ssl.client-auth=need" })
class TlsClientCertificateTests {

	@Autowired
	ChatServer server;

	@Test
	void trustedClientCertificateGetsIn() throws Exception {
		try (SSLSocket alice = TlsTests.connect(this.server.tcpPort(), "client")) {
			BufferedReader in = TlsTests.reader(alice);
			assertThat(in.readLine()).startsWith("* welcome to switchboard");
			TlsTests.send(alice, "/ping");
			assertThat(in.readLine()).isEqualTo("* pong");
		}
	}

	@Test
	void untrustedOrMissingClientCertificateIsRefused() {
		for (String key : new String[] { "stranger", null }) {
			assertThatException().as(String.valueOf(key)).isThrownBy(() -> {
				try (SSLSocket socket = TlsTests.connect(this.server.tcpPort(), key)) {
					// TLS 1.3 reports the refusal at the first read
					TlsTests.reader(socket).readLine();
				}
			});
		}
	}

}
