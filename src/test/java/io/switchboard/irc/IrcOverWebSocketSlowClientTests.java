package io.switchboard.irc;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web IRC client that stops reading is cut as a slow consumer, as any client is, and
 * the channel's other members get every line in order meanwhile. (The same settings as
 * WebsocketSlowConsumerTests: one running server for both.)
 */
@SwitchboardTest({ "--switchboard.client.outbox-hard-bytes=1MB", "--switchboard.client.write-timeout=2s" })
class IrcOverWebSocketSlowClientTests {

	private static final int MESSAGES = 20_000;

	/** Lines sent before the reader catches up with them. */
	private static final int ROUND = 200;

	private static final String PADDING = "p".repeat(300);

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void aWebIrcClientThatNeverReadsIsCutWhileAnIrcClientGetsEverythingInOrder() {
		String room = "slow" + unique();
		String stuckNick = "stuck" + unique();
		try (IrcProbe sender = IrcProbe.registered(this.server.ircPort(), "sender" + unique());
				IrcProbe reader = IrcProbe.registered(this.server.ircPort(), "reader" + unique());
				WebIrcProbe stuck = WebIrcProbe.paused(this.server.httpPort())) {
			sender.send("JOIN #" + room);
			sender.readUntil((line) -> line.contains(" 366 "));
			reader.send("JOIN #" + room);
			reader.readUntil((line) -> line.contains(" 366 "));
			// It reads nothing of its welcome, but it can still send.
			stuck.send("NICK " + stuckNick).send("USER stuck 0 * :Stuck").send("JOIN #" + room);
			ClientSession stuckSession = await().until(() -> this.registry.all()
				.stream()
				.filter((session) -> stuckNick.equals(session.nick()) && session.membership().all().contains(room))
				.findFirst()
				.orElse(null), Objects::nonNull);
			reader.readUntil((line) -> line.contains(" JOIN #" + room));

			for (int sent = 0; sent < MESSAGES; sent += ROUND) {
				for (int i = sent; i < sent + ROUND; i++) {
					sender.send("PRIVMSG #" + room + " :" + i + " " + PADDING);
				}
				// In step with the sender, so only the stuck client falls behind.
				for (int i = sent; i < sent + ROUND; i++) {
					assertThat(reader.readUntil((line) -> line.endsWith(PADDING)))
						.endsWith(" PRIVMSG #" + room + " :" + i + " " + PADDING);
				}
			}

			await().atMost(Duration.ofSeconds(30)).until(() -> this.registry.find(stuckSession.id()) == null);
			assertThat(stuckSession.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
			reader.send("PING :still-here");
			assertThat(reader.readUntil((line) -> line.contains(" PONG ")))
				.isEqualTo(":switchboard PONG switchboard :still-here");
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
