package io.switchboard.websocket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.RawWebSocket;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames a well-behaved client never sends cost a hostile one its connection, soon, and
 * cost nobody else anything: every frame counts against flood control, a frame or message
 * that does not end is cut after {@code message-timeout}, a message too long ends the
 * connection at once, and a malformed {@code Origin} is refused quietly.
 */
@SwitchboardTest({ "--spring.application.name=ws-hostile-frames", "--test.client.rate=20",
		"--switchboard.websocket.message-timeout=1s" })
@ExtendWith(OutputCaptureExtension.class)
class WebsocketHostileFramesTests {

	@Autowired
	ChatServer server;

	@Test
	void aClientFloodingInvalidFramesIsCutWhileAnotherChats() {
		int port = this.server.httpPort();
		try (WebSocketProbe flooder = WebSocketProbe.connected(port, "switchboard.json");
				WebSocketProbe honest = WebSocketProbe.connected(port, null);
				LineClient tcp = LineClient.connected(this.server.tcpPort())) {
			honest.send("/join ws-invalid-flood");
			honest.nextMatching((frame) -> frame.startsWith("* you"));
			tcp.command("/join ws-invalid-flood");
			try {
				for (int i = 0; i < 400; i++) {
					flooder.send("not a {\"line\"} object " + i);
				}
			}
			catch (CompletionException ex) {
				// Cut while still flooding: the probe has answered the server's close,
				// and its output is closed. The error and the close code still came.
			}
			assertThat(flooder.nextMatching((frame) -> frame.contains("flooding")))
				.isEqualTo("{\"type\":\"error\",\"text\":\"flooding, disconnected\"}");
			assertThat(flooder.closeCode()).as("policy violation").isEqualTo(1008);
			honest.send("still here");
			assertThat(tcp.readUntil((line) -> line.endsWith(" still here"))).isNotNull();
		}
	}

	@Test
	void aMessageWhoseLastFragmentNeverComesIsCutAfterTheMessageTimeout() {
		try (WebSocketProbe client = WebSocketProbe.connected(this.server.httpPort(), null)) {
			client.sendFragment("a message that never ends");
			assertThat(client.nextMatching((frame) -> frame.startsWith("ERR")))
				.isEqualTo("ERR line not finished in time");
			assertThat(client.closeCode()).as("policy violation").isEqualTo(1008);
		}
	}

	@Test
	void aFrameAnnouncingExabytesThenSilenceIsCutAfterTheMessageTimeout() throws Exception {
		try (RawWebSocket client = RawWebSocket.connected(this.server.httpPort(), 0)) {
			client.header(true, RawWebSocket.TEXT, Long.MAX_VALUE);
			long start = System.nanoTime();
			assertThat(client.closeCodeThenEnd()).as("policy violation").isEqualTo(1008);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void aMessageTooLongEndsTheConnectionAtOnceInsteadOfReadingTheRest() throws Exception {
		try (RawWebSocket client = RawWebSocket.connected(this.server.httpPort(), 0)) {
			client.header(true, RawWebSocket.TEXT, 64L * 1024 * 1024);
			client.sendPayload("x".repeat(20_000).getBytes());
			RawWebSocket.Frame frame = client.next();
			while (!frame.text().startsWith("ERR")) {
				frame = client.next(); // the greeting
			}
			assertThat(frame.text()).startsWith("ERR message too long");
			// The server closes the connection after its close frame, without waiting
			// for the rest of the 64 MiB or for the client's close (30 s).
			assertThat(client.closeCodeThenEnd()).as("too big").isEqualTo(1009);
		}
	}

	@Test
	void aMalformedOriginIsRefusedWithoutAStackTrace(CapturedOutput output) {
		for (String origin : new String[] { "http://host:notaport", "http://host:99999999999" }) {
			String response = RawWebSocket.handshakeResponse(this.server.httpPort(), Map.of("Origin", origin));
			assertThat(response).as(origin).startsWith("HTTP/1.1 403");
		}
		assertThat(output).doesNotContain("Exception").doesNotContain("ERROR");
	}

}
