package io.switchboard.core;

import java.nio.charset.StandardCharsets;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flood control counts bytes as well as messages (the default byte rate and burst): a
 * script cannot push megabytes through within the message burst, a person can paste a
 * page.
 */
@SwitchboardTest({ "--spring.application.name=byte-flood", "--test.client.rate=20", "--test.client.byte-rate=16KB" })
class ByteFloodTests {

	@Autowired
	ChatServer server;

	@Test
	void fiftyLongLinesAtOnceAreCutAtTheByteBurst() {
		try (LineClient sender = LineClient.connected(this.server.tcpPort());
				LineClient reader = LineClient.connected(this.server.tcpPort())) {
			sender.command("/join bytes");
			reader.command("/join bytes");
			StringBuilder burst = new StringBuilder();
			for (int n = 0; n < 50; n++) {
				burst.append(n).append(' ').append("b".repeat(8000)).append('\n');
			}
			sender.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII)).send("done");
			assertThat(sender.readUntil((line) -> line.startsWith("ERR"))).isEqualTo("ERR slow down");
			int received = 0;
			String line;
			while (!(line = reader.readLine()).endsWith(" done")) {
				received++;
				assertThat(line).contains(" " + (received - 1) + " bbb");
			}
			// 64 KiB of burst holds 8 lines of 8 KB; 16 KiB/s refills about two a second.
			assertThat(received).isBetween(8, 10);
		}
	}

	@Test
	void aPastedPageGoesThrough() {
		try (LineClient sender = LineClient.connected(this.server.tcpPort());
				LineClient reader = LineClient.connected(this.server.tcpPort())) {
			sender.command("/join paste");
			reader.command("/join paste");
			StringBuilder page = new StringBuilder();
			for (int n = 0; n < 40; n++) {
				page.append(n)
					.append(' ')
					.append("a line of a pasted page, eighty characters or so, ".repeat(2))
					.append('\n');
			}
			sender.sendRaw(page.toString().getBytes(StandardCharsets.US_ASCII));
			for (int n = 0; n < 40; n++) {
				assertThat(reader.readLine()).contains("] ").contains(" " + n + " a line of a pasted page");
			}
		}
	}

}
