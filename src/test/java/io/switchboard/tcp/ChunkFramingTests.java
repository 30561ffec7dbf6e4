package io.switchboard.tcp;

import java.nio.charset.Charset;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

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

}
