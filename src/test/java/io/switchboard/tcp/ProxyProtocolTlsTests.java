package io.switchboard.tcp;

import java.io.BufferedReader;
import java.net.Socket;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.switchboard.tcp.ProxyHeaders.TLVS;
import static io.switchboard.tcp.ProxyHeaders.connect;
import static io.switchboard.tcp.ProxyHeaders.v1;
import static io.switchboard.tcp.ProxyHeaders.v2;
import static io.switchboard.tcp.ProxyHeaders.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The PROXY protocol with TLS on the chat port: the header comes first, in the clear,
 * then the handshake (as HAProxy's {@code send-proxy-v2} does in front of a TLS backend).
 * Only v2 is taken here.
 */
@SwitchboardTest({ "--spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server.crt",
		"--spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server.key",
		"--spring.ssl.bundle.pem.chat.truststore.certificate=classpath:tls/ca.crt", "--switchboard.tcp.ssl.bundle=chat",
		"--switchboard.tcp.proxy-protocol=v2", "--switchboard.tcp.proxy-trusted=127.0.0.1" })
class ProxyProtocolTlsTests {

	@Autowired
	ChatServer server;

	@Test
	void theHeaderPrecedesTheHandshakeAndItsSourceIsTheClient() throws Exception {
		try (Socket plain = connect("127.0.0.1", this.server.tcpPort())) {
			write(plain, v2("198.51.100.7", 41000, TLVS));
			SSLSocket tls = overTls(plain);
			BufferedReader in = TlsTests.reader(tls);
			assertThat(in.readLine()).startsWith("* welcome to switchboard, you are 198.51.100.7:41000");
			assertThat(this.server.getAsAdmin("/actuator/clients").body()).contains("198.51.100.7:41000");
			TlsTests.send(tls, "/ping");
			assertThat(in.readLine()).isEqualTo("* pong");
		}
	}

	@Test
	void aV1HeaderWhereOnlyV2IsTakenIsClosedWithoutAPlainLine() throws Exception {
		try (Socket plain = connect("127.0.0.1", this.server.tcpPort())) {
			write(plain, v1("198.51.100.8", 41001));
			// No ERR line in the clear where a TLS handshake is expected: just the close.
			assertThat(plain.getInputStream().readAllBytes()).isEmpty();
		}
		await().untilAsserted(() -> assertThat(this.server.get("/actuator/prometheus").body()).containsPattern(
				"switchboard_connections_closed_total\\{.*protocol=\"tcp\",reason=\"proxy-invalid\"} [1-9]"));
		assertThat(this.server.getAsAdmin("/actuator/clients").body()).doesNotContain("198.51.100.8");
	}

	@Test
	void untrustedPeersSpeakTlsDirectlyAndAHeaderInTheClearFailsTheirHandshake() throws Exception {
		try (Socket plain = connect("127.0.0.2", this.server.tcpPort())) {
			SSLSocket tls = overTls(plain);
			assertThat(TlsTests.reader(tls).readLine()).startsWith("* welcome to switchboard, you are 127.0.0.2:");
		}
		try (Socket plain = connect("127.0.0.3", this.server.tcpPort())) {
			write(plain, v2("198.51.100.9", 41002, TLVS));
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> overTls(plain));
		}
		assertThat(this.server.getAsAdmin("/actuator/clients").body()).doesNotContain("198.51.100.9");
	}

	private SSLSocket overTls(Socket plain) throws Exception {
		SSLSocket tls = (SSLSocket) TlsTests.context(null)
			.getSocketFactory()
			.createSocket(plain, "127.0.0.1", this.server.tcpPort(), true);
		tls.setSoTimeout(10_000);
		tls.startHandshake();
		return tls;
	}

}
