package io.switchboard.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IRCv3 CHATHISTORY over the room history every door shares: the lines a line client
 * sent, by the ids IRC clients see as {@code msgid}, in a batch.
 */
@SwitchboardTest
class IrcHistoryTests {

	private static final Pattern MSGID = Pattern.compile("msgid=([^; ]+)");

	@Autowired
	ChatServer server;

	@Test
	void chathistoryAnswersLatestBeforeAfterAndBetweenInABatch() {
		String room = "h" + UUID.randomUUID().toString().substring(0, 8);
		String nick = "hist" + UUID.randomUUID().toString().substring(0, 4);
		try (IrcProbe irc = new IrcProbe(this.server.ircPort());
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			irc.send("CAP REQ :batch draft/chathistory message-tags server-time")
				.send("NICK " + nick)
				.send("USER u 0 * :R")
				.send("CAP END");
			irc.readUntil((line) -> line.contains(" 422 "));
			nc.command("/join " + room);
			irc.send("JOIN #" + room);
			irc.readUntil((line) -> line.contains(" 366 "));
			List<String> ids = new ArrayList<>();
			for (int i = 1; i <= 6; i++) {
				nc.send("line " + i);
				String line = irc.readUntil((l) -> l.contains(" PRIVMSG #" + room));
				Matcher id = MSGID.matcher(line);
				assertThat(id.find()).as(line).isTrue();
				ids.add(id.group(1));
			}
			assertThat(texts(irc, "CHATHISTORY LATEST #" + room + " * 3")).containsExactly("line 4", "line 5",
					"line 6");
			assertThat(texts(irc, "CHATHISTORY BEFORE #" + room + " msgid=" + ids.get(3) + " 2"))
				.containsExactly("line 2", "line 3");
			assertThat(texts(irc, "CHATHISTORY AFTER #" + room + " msgid=" + ids.get(1) + " 2"))
				.containsExactly("line 3", "line 4");
			assertThat(texts(irc,
					"CHATHISTORY BETWEEN #" + room + " msgid=" + ids.get(0) + " msgid=" + ids.get(4) + " 10"))
				.containsExactly("line 2", "line 3", "line 4");
			assertThat(texts(irc, "CHATHISTORY LATEST #" + room + " msgid=" + ids.get(4) + " 10"))
				.containsExactly("line 6");
			irc.send("CHATHISTORY LATEST #not-joined-" + room + " * 5");
			assertThat(irc.readLine()).startsWith(":switchboard FAIL CHATHISTORY INVALID_TARGET LATEST ");
			irc.send("CHATHISTORY LATEST #" + room + " * many");
			assertThat(irc.readLine()).startsWith(":switchboard FAIL CHATHISTORY INVALID_PARAMS LATEST many ");
		}
	}

	@Test
	void chathistoryTargetsListsChannelsAndConversationsWithActivityInTheWindowEarliestFirst() {
		String room = "t" + UUID.randomUUID().toString().substring(0, 8);
		String quiet = "q" + UUID.randomUUID().toString().substring(0, 8);
		String nick = "tgt" + UUID.randomUUID().toString().substring(0, 4);
		String friend = "fr" + UUID.randomUUID().toString().substring(0, 4);
		String stranger = "st" + UUID.randomUUID().toString().substring(0, 4);
		try (IrcProbe irc = new IrcProbe(this.server.ircPort());
				IrcProbe f = IrcProbe.registered(this.server.ircPort(), friend);
				IrcProbe s = IrcProbe.registered(this.server.ircPort(), stranger)) {
			irc.send("CAP REQ :batch draft/chathistory message-tags server-time")
				.send("NICK " + nick)
				.send("USER u 0 * :R")
				.send("CAP END");
			irc.readUntil((line) -> line.contains(" 422 "));
			irc.send("JOIN #" + room + ",#" + quiet);
			irc.readUntil((line) -> line.contains(" 366 ") && line.contains(quiet));
			f.send("JOIN #" + room);
			f.readUntil((line) -> line.contains(" 366 "));
			irc.send("PRIVMSG #" + room + " :in the room");
			f.readUntil((line) -> line.contains("in the room")); // in this order
			f.send("PRIVMSG " + nick + " :hi from a friend");
			String fromFriend = irc.readUntil((line) -> line.contains("hi from a friend"));
			irc.send("PRIVMSG " + stranger + " :to a stranger");
			s.readUntil((line) -> line.contains("to a stranger"));
			List<String> targets = targets(irc, "CHATHISTORY TARGETS timestamp=2262-01-01T00:00:00.000Z"
					+ " timestamp=2020-01-01T00:00:00.000Z 100");
			// The quiet channel has no line; the room's line came first, the stranger
			// last.
			assertThat(targets).extracting((line) -> line.split(" ")[0]).containsExactly("#" + room, friend, stranger);
			String friendTime = fromFriend.substring(fromFriend.indexOf("time=") + 5, fromFriend.indexOf(';'));
			assertThat(targets.get(1)).isEqualTo(friend + " " + friendTime);
			assertThat(targets(irc,
					"CHATHISTORY TARGETS timestamp=2020-01-01T00:00:00.000Z timestamp=2262-01-01T00:00:00.000Z 1"))
				.extracting((line) -> line.split(" ")[0])
				.containsExactly("#" + room);
			assertThat(targets(irc,
					"CHATHISTORY TARGETS timestamp=" + friendTime + " timestamp=2262-01-01T00:00:00.000Z 9"))
				.extracting((line) -> line.split(" ")[0])
				.containsExactly(stranger);
			irc.send("CHATHISTORY TARGETS yesterday timestamp=2262-01-01T00:00:00.000Z 9");
			assertThat(irc.readLine()).startsWith(":switchboard FAIL CHATHISTORY INVALID_PARAMS TARGETS yesterday ");
		}
	}

	@Test
	void aJoinerAndTopicAreToldWhoSetTheTopicAndWhen() {
		String room = "w" + UUID.randomUUID().toString().substring(0, 8);
		String setter = "set" + UUID.randomUUID().toString().substring(0, 4);
		String joiner = "jn" + UUID.randomUUID().toString().substring(0, 4);
		try (IrcProbe a = IrcProbe.registered(this.server.ircPort(), setter);
				IrcProbe b = IrcProbe.registered(this.server.ircPort(), joiner)) {
			a.send("JOIN #" + room);
			a.readUntil((line) -> line.contains(" 366 "));
			long before = java.time.Instant.now().getEpochSecond();
			a.send("TOPIC #" + room + " :who and when");
			a.readUntil((line) -> line.contains(" TOPIC "));
			b.send("JOIN #" + room);
			assertThat(b.readUntil((line) -> line.contains(" 332 ")))
				.isEqualTo(":switchboard 332 " + joiner + " #" + room + " :who and when");
			String whoTime = b.readLine();
			assertThat(whoTime).startsWith(":switchboard 333 " + joiner + " #" + room + " " + setter + " ");
			assertThat(Long.parseLong(whoTime.substring(whoTime.lastIndexOf(' ') + 1))).isBetween(before - 1,
					before + 60);
			b.readUntil((line) -> line.contains(" 366 "));
			b.send("TOPIC #" + room);
			b.readUntil((line) -> line.contains(" 332 "));
			assertThat(b.readLine()).isEqualTo(whoTime);
		}
	}

	/** Ask for targets, then read the batch: each target and its time. */
	private static List<String> targets(IrcProbe irc, String request) {
		irc.send(request);
		String start = irc.readLine();
		assertThat(start).matches(":switchboard BATCH \\+\\S+ draft/chathistory-targets");
		String ref = start.split(" ")[2].substring(1);
		List<String> targets = new ArrayList<>();
		for (String line = irc.readLine(); !line.equals(":switchboard BATCH -" + ref); line = irc.readLine()) {
			assertThat(line).startsWith("@batch=" + ref + " :switchboard CHATHISTORY TARGETS ");
			targets.add(line.substring(line.indexOf(" TARGETS ") + 9));
		}
		return targets;
	}

	/** Ask, then read the batch: its start, its PRIVMSG lines' texts, its end. */
	private static List<String> texts(IrcProbe irc, String request) {
		irc.send(request);
		String start = irc.readLine();
		assertThat(start).matches(":switchboard BATCH \\+\\S+ chathistory #\\S+");
		String ref = start.split(" ")[2].substring(1);
		List<String> texts = new ArrayList<>();
		for (String line = irc.readLine(); !line.equals(":switchboard BATCH -" + ref); line = irc.readLine()) {
			assertThat(line).startsWith("@batch=" + ref + ";time=").contains(" PRIVMSG #");
			texts.add(line.substring(line.indexOf(" :", line.indexOf(" PRIVMSG ")) + 2));
		}
		return texts;
	}

}
