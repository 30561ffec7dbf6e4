package io.switchboard.tcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * HTTP and TLS clients pointed at the plain chat port, as they are: the greeting is off
 * here, because it is the first thing a chat client receives and no HTTP or TLS client
 * can parse an answer that follows it (TcpChatTests covers the default greeting).
 */
@SwitchboardTest("--switchboard.greeting=")
class ForeignProtocolOnChatPortTests {

	@Autowired
	ChatServer server;

	@Autowired
	MeterRegistry meters;

	@Test
	void httpClientGetsA400FromTheChatPortAndNothingReachesTheRoom() throws Exception {
		try (LineClient member = new LineClient(this.server.tcpPort())) {
			assertThat(member.command("/ping")).isEqualTo("* pong");
			double closedBefore = notChatClosed();
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.tcpPort() + "/actuator/health"))
						.timeout(Duration.ofSeconds(10))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
			assertThat(response.body()).isEqualTo("ERR this is a chat port\n");
			// Counted once the connection is gone, so all it sent has been read by then.
			await().until(() -> notChatClosed() == closedBefore + 1);
			assertThat(member.command("/ping")).isEqualTo("* pong");
		}
	}

	@Test
	void tlsHandshakeAgainstThePlainChatPortFailsOnAnAlertAndNothingReachesTheRoom() throws Exception {
		try (LineClient member = new LineClient(this.server.tcpPort())) {
			assertThat(member.command("/ping")).isEqualTo("* pong");
			double closedBefore = notChatClosed();
			try (SSLSocket tls = (SSLSocket) SSLSocketFactory.getDefault()
				.createSocket("127.0.0.1", this.server.tcpPort())) {
				tls.setSoTimeout(10_000);
				assertThatExceptionOfType(SSLException.class).isThrownBy(tls::startHandshake)
					.withMessageContaining("handshake_failure");
			}
			await().until(() -> notChatClosed() == closedBefore + 1);
			assertThat(member.command("/ping")).isEqualTo("* pong");
		}
	}

	private double notChatClosed() {
		Counter counter = this.meters.find("switchboard.connections.closed")
			.tags("protocol", "tcp", "reason", "not-chat")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
