package io.switchboard.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code PRIVMSG} to several targets goes to each once and costs flood control a
 * message per target, so naming a channel four times, or four channels, is not four times
 * the allowed rate. (Flood control of 1 line a second after a burst of 8; each client
 * connects from an address of its own.)
 */
@SwitchboardTest({ "--test.client.rate=1", "--switchboard.client.burst=8", "--switchboard.max-clients-per-ip=2" })
class IrcTargetsTests {

	@Autowired
	ChatServer server;

	@Test
	void aChannelNamedSeveralTimesGetsTheLineOnceAndTooManyTargetsGet407() {
		String room = "d" + unique();
		String nick = "dup" + unique();
		try (IrcProbe watcher = IrcProbe.from("127.0.0.61", this.server.ircPort()).register("w" + unique());
				IrcProbe sender = IrcProbe.from("127.0.0.62", this.server.ircPort()).register(nick)) {
			watcher.send("JOIN #" + room);
			watcher.readUntil((line) -> line.contains(" 366 "));
			sender.send("JOIN #" + room);
			sender.readUntil((line) -> line.contains(" 366 "));
			sender.send("PRIVMSG #" + room + ",#" + room.toUpperCase() + ",#" + room + ",#" + room + " :once");
			sender.send("PRIVMSG #a,#b,#c,#d,#e :five");
			assertThat(sender.readLine())
				.isEqualTo(":switchboard 407 " + nick + " #a,#b,#c,#d,#e :Too many recipients");
			sender.send("PRIVMSG #" + room + " :then this");
			List<String> seen = new ArrayList<>();
			for (String line = watcher.readLine(); !line.endsWith(" :then this"); line = watcher.readLine()) {
				seen.add(line);
			}
			assertThat(seen).filteredOn((line) -> line.contains(" PRIVMSG #"))
				.singleElement()
				.asString()
				.endsWith(" :once");
		}
	}

	@Test
	void aLineToSeveralChannelsCostsFloodControlALinePerChannel() {
		String prefix = "f" + unique() + "-";
		String channels = "#" + prefix + "0,#" + prefix + "1,#" + prefix + "2,#" + prefix + "3";
		long started = System.nanoTime();
		try (IrcProbe watcher = IrcProbe.from("127.0.0.63", this.server.ircPort()).register("w" + unique());
				IrcProbe sender = IrcProbe.from("127.0.0.64", this.server.ircPort()).register("flood" + unique())) {
			watcher.send("JOIN " + channels);
			for (int i = 0; i < 4; i++) {
				watcher.readUntil((line) -> line.contains(" 366 "));
			}
			sender.send("JOIN " + channels); // NICK, USER and JOIN: 5 of the burst of 8
												// left
			for (int i = 0; i < 4; i++) {
				sender.readUntil((line) -> line.contains(" 366 "));
			}
			for (int i = 0; i < 40; i++) {
				sender.send("PRIVMSG " + channels + " :flood " + i);
			}
			// Refused 3 x burst times, it is cut; every line before that was handled.
			assertThat(sender.readToEnd()).last().isEqualTo("ERROR :Closing link: switchboard (Excess flood)");
			long seconds = (System.nanoTime() - started) / 1_000_000_000 + 1;
			watcher.send("PING :counted");
			int delivered = 0;
			for (String line = watcher.readLine(); !line.contains("PONG "); line = watcher.readLine()) {
				delivered += line.contains(" :flood ") ? 1 : 0;
			}
			// 5 left of the burst, 1 more a second: at most that many lines reach the
			// channels (before, each line reached all 4: 20 and more).
			assertThat(delivered).isBetween(1, (int) (5 + seconds + 1));
		}
	}

	@Test
	void aTagmsgFloodIsCutAsALineFloodIsAndItsReceiverStays() {
		String channel = "#t" + unique();
		long started = System.nanoTime();
		try (IrcProbe watcher = IrcProbe.from("127.0.0.65", this.server.ircPort());
				IrcProbe sender = IrcProbe.from("127.0.0.66", this.server.ircPort())) {
			watcher.send("CAP REQ :message-tags").send("CAP END").register("w" + unique());
			sender.send("CAP REQ :message-tags").send("CAP END").register("tf" + unique());
			watcher.send("JOIN " + channel);
			watcher.readUntil((line) -> line.contains(" 366 "));
			sender.send("JOIN " + channel);
			sender.readUntil((line) -> line.contains(" 366 "));
			for (int i = 0; i < 60; i++) {
				sender.send("@+typing=active;+n=" + i + " TAGMSG " + channel);
			}
			assertThat(sender.readToEnd()).last().isEqualTo("ERROR :Closing link: switchboard (Excess flood)");
			long seconds = (System.nanoTime() - started) / 1_000_000_000 + 1;
			watcher.send("PING :counted");
			int delivered = 0;
			for (String line = watcher.readLine(); !line.contains("PONG "); line = watcher.readLine()) {
				delivered += line.contains(" TAGMSG ") ? 1 : 0;
			}
			// CAP, CAP, NICK, USER and JOIN took 5 of the burst of 8; 1 more a second.
			assertThat(delivered).isBetween(1, (int) (3 + seconds + 1));
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
