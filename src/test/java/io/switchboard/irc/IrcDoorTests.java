package io.switchboard.irc;

import java.util.List;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IRC door over real sockets: registration and its numerics, channels that are the
 * same rooms as every other door's, private messages across doors, and what an IRC client
 * may not do.
 */
@SwitchboardTest
class IrcDoorTests {

	@Autowired
	ChatServer server;

	@Test
	void registrationEndsWithTheWelcomeNumericsAndIsupportDeclaresTheMapping() {
		String nick = nick("reg");
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("CAP LS 302");
			assertThat(irc.readLine()).isEqualTo(
					":switchboard CAP * LS :away-notify batch draft/chathistory echo-message message-tags multi-prefix server-time userhost-in-names");
			irc.send("NICK " + nick).send("USER " + nick + " 0 * :Real Name");
			irc.send("CAP REQ :server-time");
			assertThat(irc.readLine()).isEqualTo(":switchboard CAP * ACK :server-time");
			irc.send("CAP END");
			assertThat(irc.readLine()).startsWith(":switchboard 001 " + nick + " :Welcome to the Switchboard");
			assertThat(irc.readLine()).startsWith(":switchboard 002 " + nick + " :Your host is switchboard");
			assertThat(irc.readLine()).startsWith(":switchboard 003 " + nick + " ");
			assertThat(irc.readLine())
				.isEqualTo(":switchboard 004 " + nick + " switchboard switchboard-1 iowT biklmnostv bklov");
			StringBuilder isupport = new StringBuilder();
			for (String line = irc.readLine(); !line.contains(" 251 "); line = irc.readLine()) {
				assertThat(line).contains(" 005 ");
				isupport.append(line);
			}
			assertThat(isupport).contains("CASEMAPPING=ascii", "CHANTYPES=#", "NICKLEN=32", "CHANNELLEN=33",
					"PREFIX=(ov)@+", "CHATHISTORY=100", "CHANMODES=b,k,l,imnst", "MAXLIST=b:50", "UTF8ONLY");
			assertThat(irc.readUntil((line) -> line.contains(" 422 "))).endsWith(":MOTD File is missing");
			irc.send("PING :hello-42");
			assertThat(irc.readLine()).endsWith("PONG switchboard :hello-42");
		}
	}

	@Test
	void anIrcClientAndAnNcClientChatInTheSameRoom() {
		String room = "r" + UUID.randomUUID().toString().substring(0, 8);
		String nick = nick("irc");
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			assertThat(nc.command("/nick " + nick + "nc")).isEqualTo("* you are now " + nick + "nc");
			assertThat(nc.command("/join " + room)).isEqualTo("* you are now in room " + room);
			irc.send("JOIN #" + room);
			assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " JOIN #" + room);
			assertThat(irc.readLine()).as("the nc client made the room: its operator")
				.isEqualTo(":switchboard 353 " + nick + " = #" + room + " :" + nick + " @" + nick + "nc");
			assertThat(irc.readLine()).isEqualTo(":switchboard 366 " + nick + " #" + room + " :End of /NAMES list");
			irc.send("PRIVMSG #" + room + " :hello from irc, /not a command");
			assertThat(nc.readLine()).endsWith("] " + nick + " hello from irc, /not a command");
			nc.send("hello from nc");
			assertThat(irc.readUntil((line) -> line.contains(" PRIVMSG #")))
				.isEqualTo(":" + mask(nick + "nc") + " PRIVMSG #" + room + " :hello from nc");
			irc.send("PRIVMSG " + nick + "nc :just you");
			assertThat(nc.readUntil((line) -> line.contains(" -> "))).endsWith(nick + " -> " + nick + "nc: just you");
			nc.send("/msg " + nick + " and back");
			assertThat(irc.readUntil((line) -> line.contains(" PRIVMSG " + nick + " ")))
				.isEqualTo(":" + mask(nick + "nc") + " PRIVMSG " + nick + " :and back");
			irc.send("PART #" + room + " :bye now");
			assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " PART #" + room + " :bye now");
			irc.send("QUIT :done");
			List<String> rest = irc.readToEnd();
			assertThat(rest).last().isEqualTo("ERROR :Closing link: switchboard (Quit: done)");
		}
	}

	@Test
	void roomNamesCompareIgnoringCaseOnEveryDoor() {
		String room = "Mixed" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		String nick = nick("case");
		try (LineClient nc = LineClient.connected(this.server.tcpPort());
				IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick)) {
			assertThat(nc.command("/join " + room)).isEqualTo("* you are now in room " + room.toLowerCase());
			irc.send("JOIN #" + room.toUpperCase());
			assertThat(irc.readLine()).endsWith(" JOIN #" + room.toLowerCase());
			irc.send("PRIVMSG #" + room + " :one room");
			assertThat(nc.readUntil((line) -> line.endsWith(" one room"))).contains("] " + nick + " ");
		}
	}

	@Test
	void aJoinOfManyChannelsAtOnceJoinsAsManyAsAClientMayAndRefusesTheRest() {
		String nick = nick("many");
		String prefix = "m" + UUID.randomUUID().toString().substring(0, 6) + "-";
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick)) {
			StringBuilder channels = new StringBuilder();
			for (int i = 0; i < 30; i++) {
				channels.append((i > 0) ? "," : "").append('#').append(prefix).append(i);
			}
			irc.send("JOIN " + channels);
			int joined = 0;
			int refused = 0;
			while (joined + refused < 30) {
				String line = irc.readLine();
				if (line.contains(" 366 ")) {
					joined++;
				}
				else if (line.contains(" 405 ")) {
					refused++;
				}
			}
			assertThat(joined).as("switchboard.client.max-rooms").isEqualTo(20);
			assertThat(refused).isEqualTo(10);
			irc.send("PING :after");
			assertThat(irc.readLine()).endsWith("PONG switchboard :after");
		}
	}

	@Test
	void badCommandsGetTheirNumericsAndNobodyElseNotices() {
		String nick = nick("bad");
		try (IrcProbe early = new IrcProbe(this.server.ircPort())) {
			early.send("JOIN #lobby");
			assertThat(early.readLine()).isEqualTo(":switchboard 451 * :You have not registered");
			early.send("NICK 9lives");
			assertThat(early.readLine()).isEqualTo(":switchboard 432 * 9lives :Erroneous nickname");
		}
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick);
				IrcProbe second = new IrcProbe(this.server.ircPort())) {
			second.send("NICK " + nick.toUpperCase());
			assertThat(second.readLine())
				.isEqualTo(":switchboard 433 * " + nick.toUpperCase() + " :Nickname is already in use");
			irc.send("FROB");
			assertThat(irc.readLine()).isEqualTo(":switchboard 421 " + nick + " FROB :Unknown command");
			irc.send("PRIVMSG");
			assertThat(irc.readLine()).isEqualTo(":switchboard 411 " + nick + " :No recipient given (PRIVMSG)");
			irc.send("PRIVMSG #lobby");
			assertThat(irc.readLine()).isEqualTo(":switchboard 412 " + nick + " :No text to send");
			irc.send("PRIVMSG nobody-here :hi");
			assertThat(irc.readLine()).isEqualTo(":switchboard 401 " + nick + " nobody-here :No such nick");
			irc.send("PRIVMSG #nowhere-" + nick + " :hi");
			assertThat(irc.readLine())
				.startsWith(":switchboard 404 " + nick + " #nowhere-" + nick + " :Cannot send to channel");
			irc.send("PRIVMSG #lobby :" + "x".repeat(600));
			assertThat(irc.readLine()).isEqualTo(":switchboard 417 " + nick + " :Input line was too long");
			irc.send("PING :still-here");
			assertThat(irc.readLine()).endsWith("PONG switchboard :still-here");
		}
	}

	/** The prefix others see: user names are cut to USERLEN (10). */
	private static String mask(String nick) {
		return nick + "!~" + nick.substring(0, Math.min(10, nick.length())) + "@switchboard";
	}

	private static String nick(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 6);
	}

}
