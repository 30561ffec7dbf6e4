package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
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
 * Replies that grow with the rooms or their members ({@code LIST}, {@code NAMES},
 * {@code WHO}, {@code WHOIS}) stop at {@code switchboard.max-list-entries}, as
 * {@code /rooms} and {@code /who} do, and say so; topic lines stay within IRC's 512
 * bytes; a nick change or quit reaches a client once however many channels it shares.
 */
@SwitchboardTest("--switchboard.max-list-entries=5")
class IrcBoundedRepliesTests {

	private static final int MAX = 5;

	@Autowired
	ChatServer server;

	@Test
	void listStopsAtMaxListEntriesWithANoticeBeforeItsEnd() {
		String prefix = "l" + unique() + "-";
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), "lister" + unique())) {
			irc.send("JOIN " + channels(prefix, 12));
			for (int i = 0; i < 12; i++) {
				irc.readUntil((line) -> line.contains(" 366 "));
			}
			irc.send("LIST");
			List<String> reply = until(irc, " 323 ");
			assertThat(reply).filteredOn((line) -> line.contains(" 322 ")).hasSize(MAX);
			assertThat(reply.get(reply.size() - 2)).contains(" NOTICE ").contains("LIST: the first 5 of ");
		}
	}

	@Test
	void namesWhoAndWhoisListAtMostMaxListEntries() {
		String room = "n" + unique();
		String prefix = "w" + unique() + "-";
		List<IrcProbe> members = new ArrayList<>();
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), "asker" + unique())) {
			for (int i = 0; i < 9; i++) {
				IrcProbe member = IrcProbe.registered(this.server.ircPort(), "mem" + i + unique());
				members.add(member);
				member.send("JOIN #" + room);
				member.readUntil((line) -> line.contains(" 366 "));
			}
			irc.send("NAMES #" + room);
			List<String> names = until(irc, " 366 ");
			assertThat(names).filteredOn((line) -> line.contains(" 353 "))
				.flatMap((line) -> List.of(line.substring(line.indexOf(" :") + 2).split(" ")))
				.hasSize(MAX);
			assertThat(names.get(names.size() - 2)).contains(" NOTICE ")
				.endsWith("NAMES #" + room + ": the first 5 of 9 members (the server lists at most 5)");
			irc.send("WHO #" + room);
			List<String> who = until(irc, " 315 ");
			assertThat(who).filteredOn((line) -> line.contains(" 352 ")).hasSize(MAX);
			assertThat(who.get(who.size() - 2)).contains(" NOTICE ").contains("WHO #" + room + ": the first 5 of 9");
			irc.send("WHO mem*");
			List<String> masked = until(irc, " 315 ");
			assertThat(masked).filteredOn((line) -> line.contains(" 352 ")).hasSize(MAX);
			IrcProbe traveller = members.getFirst();
			traveller.send("JOIN " + channels(prefix, 8));
			for (int i = 0; i < 8; i++) {
				traveller.readUntil((line) -> line.contains(" 366 "));
			}
			String nick = names.stream()
				.filter((line) -> line.contains(" 353 "))
				.findFirst()
				.map((line) -> line.substring(line.indexOf(" :") + 2).split(" ")[0].replace("@", ""))
				.orElseThrow();
			irc.send("WHOIS " + nick);
			List<String> whois = until(irc, " 318 ");
			assertThat(whois).filteredOn((line) -> line.contains(" 319 "))
				.flatMap((line) -> List.of(line.substring(line.indexOf(" :") + 2).split(" ")))
				.hasSize(MAX);
			assertThat(whois).anyMatch((line) -> line
				.endsWith("WHOIS " + nick + ": the first 5 of 9 channels (the server lists at most 5)"));
		}
		finally {
			members.forEach(IrcProbe::close);
		}
	}

	@Test
	void theLongestTopicReachesIrcWholeWithinTheLineLimit() {
		// The hub keeps topics of at most 300 bytes (TOPICLEN); the longest, in
		// three-byte characters, still makes 332, 322 and TOPIC lines within 512 bytes.
		// (Longer text from elsewhere is cut between characters: IrcLinesTests.)
		String room = "t" + unique();
		String nick = "topical" + unique();
		try (LineClient nc = LineClient.connected(this.server.tcpPort());
				IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("NICK " + nick).send("USER u 0 * :R");
			StringBuilder isupport = new StringBuilder();
			for (String line = irc.readLine(); !line.contains(" 251 "); line = irc.readLine()) {
				isupport.append(line);
			}
			assertThat(isupport).contains(" TOPICLEN=300 ");
			irc.readUntil((line) -> line.contains(" 422 "));
			nc.command("/join " + room);
			assertThat(nc.command("/topic " + "\u20ac".repeat(101))).isEqualTo("ERR topic too long (max 300 bytes)");
			nc.send("/topic " + "\u20ac".repeat(100)); // 300 bytes of UTF-8
			nc.readUntil((line) -> line.contains("topic"));
			irc.send("JOIN #" + room);
			String joined = irc.readUntil((line) -> line.contains(" 332 "));
			assertWithinLimit(joined, ":switchboard 332 " + nick + " #" + room + " :", "\u20ac".repeat(100));
			irc.send("LIST");
			String listed = irc.readUntil((line) -> line.contains(" 322 " + nick + " #" + room + " "));
			assertWithinLimit(listed, ":switchboard 322 " + nick + " #" + room + " 2 :", "\u20ac".repeat(100));
			irc.readUntil((line) -> line.contains(" 323 "));
			nc.send("/topic " + "\u00e9".repeat(150));
			String relayed = irc.readUntil((line) -> line.contains(" TOPIC #" + room + " "));
			assertWithinLimit(relayed, relayed.substring(0, relayed.indexOf(" :") + 2), "\u00e9".repeat(150));
			irc.send("TOPIC #" + room);
			assertWithinLimit(irc.readLine(), ":switchboard 332 " + nick + " #" + room + " :", "\u00e9".repeat(150));
		}
	}

	@Test
	void aNickChangeAndAQuitReachAClientOnceHoweverManyChannelsItShares() {
		String prefix = "s" + unique() + "-";
		String mover = "mover" + unique();
		try (IrcProbe watcher = IrcProbe.registered(this.server.ircPort(), "watch" + unique())) {
			watcher.send("JOIN " + channels(prefix, 6));
			for (int i = 0; i < 6; i++) {
				watcher.readUntil((line) -> line.contains(" 366 "));
			}
			try (IrcProbe first = IrcProbe.registered(this.server.ircPort(), mover)) {
				first.send("JOIN " + channels(prefix, 6));
				for (int i = 0; i < 6; i++) {
					first.readUntil((line) -> line.contains(" 366 "));
				}
				first.send("NICK " + mover + "x");
				first.readUntil((line) -> line.contains(" NICK :" + mover + "x"));
				first.send("QUIT :gone");
				first.readToEnd();
			}
			watcher.send("PING :after-quit");
			List<String> seen = until(watcher, "PONG ");
			assertThat(seen).filteredOn((line) -> line.contains(" JOIN #")).hasSize(6);
			assertThat(seen).filteredOn((line) -> line.contains(" NICK :")).hasSize(1);
			assertThat(seen).filteredOn((line) -> line.contains(" QUIT :")).hasSize(1);
			try (IrcProbe again = IrcProbe.registered(this.server.ircPort(), mover + "x")) {
				// Someone of the same nick comes and goes: told again.
				again.send("JOIN " + channels(prefix, 2));
				again.readUntil((line) -> line.contains(" 366 "));
				again.readUntil((line) -> line.contains(" 366 "));
				again.send("NICK " + mover);
				again.readUntil((line) -> line.contains(" NICK :" + mover));
				again.send("NICK " + mover + "x");
				again.readUntil((line) -> line.contains(" NICK :" + mover + "x"));
				again.send("QUIT :twice");
				again.readToEnd();
			}
			watcher.send("PING :after-second-quit");
			List<String> again = until(watcher, "PONG ");
			assertThat(again).filteredOn((line) -> line.contains(" NICK :")).hasSize(2);
			assertThat(again).filteredOn((line) -> line.contains(" QUIT :")).hasSize(1);
		}
	}

	private static void assertWithinLimit(String line, String start, String textStart) {
		assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2).isLessThanOrEqualTo(512);
		assertThat(line).startsWith(start + textStart);
		assertThat(line.substring(start.length())).doesNotContain("\ufffd");
		assertThat(line.substring(start.length()).getBytes(StandardCharsets.UTF_8).length).isBetween(297, 300);
	}

	/** Lines up to and including the first that contains {@code end}. */
	private static List<String> until(IrcProbe irc, String end) {
		List<String> lines = new ArrayList<>();
		String line;
		do {
			line = irc.readLine();
			lines.add(line);
		}
		while (!line.contains(end));
		return lines;
	}

	private static String channels(String prefix, int count) {
		StringBuilder channels = new StringBuilder();
		for (int i = 0; i < count; i++) {
			channels.append((i > 0) ? "," : "").append('#').append(prefix).append(i);
		}
		return channels.toString();
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
