package io.switchboard.irc;

import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IRC commands beyond chatting, each with the numerics the modern IRC documentation
 * gives, answered with what is true of the rooms every door shares.
 */
@SwitchboardTest
class IrcCommandsTests {

	@Autowired
	ChatServer server;

	@Test
	void whoisWhoListAndModeDescribeUsersAndChannelsAsTheyAre() {
		String room = room();
		String nick = nick("who");
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			nc.command("/join " + room);
			joined(irc, room);
			irc.send("WHOIS " + nick);
			// The nc client's JOIN may still be on its way: it is no reply.
			assertThat(irc.readUntil((line) -> line.contains(" 311 "))).isEqualTo(
					":switchboard 311 " + nick + " " + nick + " ~" + nick + " switchboard * :" + nick + " Realname");
			assertThat(irc.readLine()).isEqualTo(":switchboard 319 " + nick + " " + nick + " :#" + room);
			assertThat(irc.readLine()).startsWith(":switchboard 312 " + nick + " " + nick + " switchboard :");
			assertThat(irc.readLine()).isEqualTo(":switchboard 318 " + nick + " " + nick + " :End of /WHOIS list");
			String ncNick = IrcNicks.of(nc.address());
			assertThat(ncNick).startsWith("ip-127-0-0-1-");
			irc.send("WHO #" + room);
			assertThat(irc.readUntil((line) -> line.contains(" 352 "))).isEqualTo(":switchboard 352 " + nick + " #"
					+ room + " ~" + nick + " switchboard switchboard " + nick + " H :0 " + nick + " Realname");
			assertThat(irc.readLine()).as("the nc client made the room: its operator")
				.contains(" 352 " + nick + " #" + room + " ")
				.contains(" " + ncNick + " H@ :0 ");
			assertThat(irc.readLine()).isEqualTo(":switchboard 315 " + nick + " #" + room + " :End of WHO list");
			irc.send("LIST");
			assertThat(irc.readLine()).isEqualTo(":switchboard 321 " + nick + " Channel :Users  Name");
			assertThat(irc.readUntil((line) -> line.contains(" 322 " + nick + " #" + room + " ")))
				.isEqualTo(":switchboard 322 " + nick + " #" + room + " 2 :");
			irc.readUntil((line) -> line.contains(" 323 "));
			irc.send("MODE #" + room);
			assertThat(irc.readLine()).isEqualTo(":switchboard 324 " + nick + " #" + room + " +n");
			assertThat(irc.readLine()).startsWith(":switchboard 329 " + nick + " #" + room + " ");
			irc.send("MODE #" + room + " +m");
			assertThat(irc.readLine()).startsWith(":switchboard 482 " + nick + " #" + room + " ");
			irc.send("MODE " + nick);
			assertThat(irc.readLine()).isEqualTo(":switchboard 221 " + nick + " +");
			irc.send("WHOIS nobody-" + nick);
			assertThat(irc.readLine()).isEqualTo(":switchboard 401 " + nick + " nobody-" + nick + " :No such nick");
		}
	}

	@Test
	void topicsNoticesAndAwayReachTheOtherDoorsAndBack() {
		String room = room();
		String alice = nick("alice");
		String bob = nick("bob");
		try (IrcProbe a = IrcProbe.registered(this.server.ircPort(), alice);
				IrcProbe b = IrcProbe.registered(this.server.ircPort(), bob);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			nc.command("/join " + room);
			joined(a, room);
			joined(b, room);
			a.readUntil((line) -> line.contains(" JOIN #" + room) && line.startsWith(":" + bob + "!"));
			a.send("TOPIC #" + room + " :release at five");
			assertThat(b.readUntil((line) -> line.contains(" TOPIC ")))
				.isEqualTo(":" + mask(alice) + " TOPIC #" + room + " :release at five");
			assertThat(nc.readUntil((line) -> line.contains("topic")))
				.endsWith(" set the topic of " + room + ": release at five");
			b.send("TOPIC #" + room);
			assertThat(b.readLine()).isEqualTo(":switchboard 332 " + bob + " #" + room + " :release at five");
			assertThat(b.readLine()).as("who set it, and when")
				.startsWith(":switchboard 333 " + bob + " #" + room + " " + alice + " ");
			a.send("NOTICE #" + room + " :a bot's line");
			assertThat(b.readUntil((line) -> line.contains("a bot's line")))
				.isEqualTo(":" + mask(alice) + " NOTICE #" + room + " :a bot's line");
			assertThat(nc.readUntil((line) -> line.contains("a bot's line"))).endsWith("] " + alice + " a bot's line");
			b.send("AWAY :at lunch");
			assertThat(b.readLine()).isEqualTo(":switchboard 306 " + bob + " :You have been marked as being away");
			a.send("PRIVMSG " + bob + " :are you there?");
			assertThat(a.readUntil((line) -> line.contains(" 301 ")))
				.isEqualTo(":switchboard 301 " + alice + " " + bob + " :at lunch");
			assertThat(b.readUntil((line) -> line.contains("are you there")))
				.isEqualTo(":" + mask(alice) + " PRIVMSG " + bob + " :are you there?");
			a.send("NICK " + alice + "_");
			assertThat(a.readUntil((line) -> line.contains(" NICK ")))
				.isEqualTo(":" + mask(alice) + " NICK :" + alice + "_");
			assertThat(b.readUntil((line) -> line.contains(" NICK "))).as("the other members see it")
				.isEqualTo(":" + mask(alice) + " NICK :" + alice + "_");
			a.send("JOIN 0");
			assertThat(a.readLine()).startsWith(":" + alice + "_!~").endsWith(" PART #" + room + " :Left all channels");
			assertThat(b.readUntil((line) -> line.contains(" PART "))).startsWith(":" + alice + "_!~")
				.endsWith(" PART #" + room + " :Left all channels");
		}
	}

	@Test
	void echoMessageAndServerTimeAreWhatTheClientAskedFor() {
		String room = room();
		String nick = nick("caps");
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("CAP LS 302").send("NICK " + nick).send("USER u 0 * :R");
			irc.send("CAP REQ :echo-message server-time message-tags");
			assertThat(irc.readUntil((line) -> line.contains(" ACK ")))
				.endsWith("ACK :echo-message server-time message-tags");
			irc.send("CAP REQ :no-such-cap");
			assertThat(irc.readLine()).endsWith("NAK :no-such-cap");
			irc.send("CAP END");
			irc.readUntil((line) -> line.contains(" 422 "));
			joined(irc, room);
			irc.send("PRIVMSG #" + room + " :my own line");
			assertThat(irc.readLine()).matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z;msgid=\\S+ :"
					+ nick + "!~u@switchboard PRIVMSG #" + room + " :my own line");
		}
	}

	@Test
	void awayNotifyTellsTheClientsThatShareAChannelAndAskedForIt() {
		String room = room();
		String watcher = nick("watch");
		String walker = nick("walk");
		try (IrcProbe w = new IrcProbe(this.server.ircPort());
				IrcProbe a = IrcProbe.registered(this.server.ircPort(), walker)) {
			w.send("CAP REQ :away-notify").send("NICK " + watcher).send("USER u 0 * :R").send("CAP END");
			w.readUntil((line) -> line.contains(" 422 "));
			joined(w, room);
			joined(a, room);
			a.send("AWAY :gone fishing");
			assertThat(w.readUntil((line) -> line.contains(" AWAY")))
				.isEqualTo(":" + mask(walker) + " AWAY :gone fishing");
			a.send("AWAY");
			assertThat(w.readUntil((line) -> line.contains(" AWAY"))).isEqualTo(":" + mask(walker) + " AWAY");
		}
	}

	@Test
	void everyCommandOfTheTablesSentWithoutItsParametersGets461AndDoesNothingElse() {
		String nick = nick("few");
		try (IrcProbe early = new IrcProbe(this.server.ircPort());
				IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick)) {
			for (IrcCommand<?> command : IrcRegistration.TABLE.commands()) {
				if (command.minParams() > 0) {
					early.send(command.name());
					assertThat(early.readLine())
						.isEqualTo(":switchboard 461 * " + command.name() + " :Not enough parameters");
				}
			}
			for (IrcCommand<?> command : IrcCommands.TABLE.commands()) {
				if (command.minParams() > 0) {
					irc.send(command.name());
					assertThat(irc.readLine())
						.isEqualTo(":switchboard 461 " + nick + " " + command.name() + " :Not enough parameters");
				}
			}
			irc.send("PING :done");
			assertThat(irc.readLine()).as("nothing came before").endsWith("PONG switchboard :done");
		}
	}

	/** JOIN, then the reply: JOIN echo, names, end of names. */
	private static void joined(IrcProbe irc, String room) {
		irc.send("JOIN #" + room);
		irc.readUntil((line) -> line.contains(" 366 ") && line.contains("#" + room));
	}

	private static String mask(String nick) {
		return nick + "!~" + nick.substring(0, Math.min(10, nick.length())) + "@switchboard";
	}

	private static String room() {
		return "r" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String nick(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 4);
	}

}
