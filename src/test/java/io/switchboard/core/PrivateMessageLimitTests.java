package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one client takes of private messages from all others together: many senders, each
 * within its own flood control, reach one recipient only up to its allowance; the rest
 * are refused to their senders, and the recipient is never cut for it (30 strangers once
 * cut a reader of 64 KB/s as a slow consumer). Refill is slow here (1 message and 1 KB a
 * second), so what a test sends beyond the burst is refused.
 */
@SwitchboardTest({ "--switchboard.private-messages.rate=1", "--switchboard.private-messages.burst=10",
		"--switchboard.private-messages.byte-rate=1KB", "--switchboard.private-messages.byte-burst=16KB" })
class PrivateMessageLimitTests {

	private static final String REFUSED = " is sent more private messages than it takes (switchboard.private-messages.*); try again later";

	@Autowired
	ChatServer server;

	@Test
	void thirtySendersToOneRecipientGetPastItsBurstOnlyAndTheRestAreRefused() {
		String recipient = "bob" + unique();
		List<LineClient> senders = new ArrayList<>();
		try (LineClient bob = LineClient.connected(this.server.tcpPort())) {
			assertThat(bob.command("/nick " + recipient)).isEqualTo("* you are now " + recipient);
			long started = System.nanoTime();
			for (int i = 0; i < 30; i++) {
				senders.add(LineClient.connected(this.server.tcpPort()));
			}
			int sent = 0;
			int refused = 0;
			for (LineClient sender : senders) {
				String reply = sender.send("/msg " + recipient + " hello").readLine();
				if (reply.equals("ERR " + recipient + REFUSED)) {
					refused++;
				}
				else {
					assertThat(reply).endsWith(" -> " + recipient + ": hello");
					sent++;
				}
			}
			long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
			assertThat(sent).isBetween(10, (int) (10 + seconds));
			assertThat(refused).isEqualTo(30 - sent);
			for (int i = 0; i < sent; i++) {
				assertThat(bob.readLine()).endsWith(" -> " + recipient + ": hello");
			}
			assertThat(bob.command("/ping")).as("connected, and nothing more came").isEqualTo("* pong");
		}
		finally {
			senders.forEach(LineClient::close);
		}
	}

	@Test
	void longMessagesAreLimitedByTheirBytes() {
		String recipient = "carol" + unique();
		String text = "x".repeat(4000);
		List<LineClient> senders = new ArrayList<>();
		try (LineClient carol = LineClient.connected(this.server.tcpPort())) {
			assertThat(carol.command("/nick " + recipient)).isEqualTo("* you are now " + recipient);
			for (int i = 0; i < 8; i++) {
				senders.add(LineClient.connected(this.server.tcpPort()));
			}
			long started = System.nanoTime();
			int sent = 0;
			for (LineClient sender : senders) {
				if (!sender.send("/msg " + recipient + " " + text).readLine().startsWith("ERR ")) {
					sent++;
				}
			}
			long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
			// 16 KB at once holds 4 of 4,000 bytes; 1 KB a second refills a quarter of
			// one.
			assertThat(sent).isBetween(4, (int) (4 + seconds / 4 + 1));
			for (int i = 0; i < sent; i++) {
				assertThat(carol.readLine()).endsWith(": " + text);
			}
			assertThat(carol.command("/ping")).isEqualTo("* pong");
		}
		finally {
			senders.forEach(LineClient::close);
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
