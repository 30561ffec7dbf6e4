package io.switchboard.tcp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

@SwitchboardTest({ "--switchboard.tcp.framing=chunk", "--switchboard.charset=GBK", "--switchboard.greeting=" })
class ChunkFramingTests {

	private static final Charset GBK = Charset.forName("GBK");

	@Autowired
	ChatServer server;

	@Test
	void eachReadIsAMessageForClientsThatSendNoNewlineAndGbkIsDecoded() {
		try (LineClient python = new LineClient(this.server.tcpPort(), GBK, 0)) {
			python.sendRaw("你好，世界".getBytes(GBK));
			assertThat(python.readLine()).as("no greeting when it is empty").endsWith(python.address() + " 你好，世界");
			python.sendRaw("with newline\n".getBytes(GBK));
			assertThat(python.readLine()).endsWith(" with newline");
		}
	}

	@Test
	void theSeedsPythonChatClientChatsBothWaysUnchanged() throws Exception {
		assumeThat(python3()).as("python3 on the PATH").isTrue();
		try (LineClient java = new LineClient(this.server.tcpPort(), GBK, 0)) {
			Process python = new ProcessBuilder("python3", "src/test/resources/seeds/drive_chat_client.py",
					String.valueOf(this.server.tcpPort()), "ping from python", "hello python")
				.redirectErrorStream(true)
				.start();
			try {
				// Chunk framing relays what one read returns: the seed's two sends may
				// arrive as one.
				StringBuilder seen = new StringBuilder(java.readLine());
				while (!seen.toString().contains("ping from python")) {
					seen.append('\n').append(java.readLine());
				}
				assertThat(seen.toString()).contains("say hello");
				java.send("hello python");
				assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
				String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(python.exitValue()).as(output).isZero();
				assertThat(output).contains("say hello").contains(java.address() + " hello python");
			}
			finally {
				python.destroyForcibly();
			}
		}
	}

	private static boolean python3() {
		try {
			return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
