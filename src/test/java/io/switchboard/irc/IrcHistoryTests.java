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
