package io.switchboard.irc;

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
 * IRC operators: {@code OPER} against {@code switchboard.irc.operators}, what others see
 * of an operator, {@code KILL} and {@code WALLOPS}, user modes, and guessing passwords.
 * The guessing tests come from addresses of their own (127.0.0.x), since failures count
 * against an address for a minute.
 */
@SwitchboardTest
class IrcOperatorTests {

	@Autowired
	ChatServer server;

	@Test
	void operGivesUserModeOAndShowsInWhoWhoisAndLusers() {
		String op = nick("op");
		String other = nick("ot");
		try (IrcProbe o = IrcProbe.registered(this.server.ircPort(), op);
				IrcProbe x = IrcProbe.registered(this.server.ircPort(), other)) {
			oper(o, op);
			o.send("MODE " + op);
			assertThat(o.readLine()).isEqualTo(":switchboard 221 " + op + " +o");
			x.send("WHO " + op);
			assertThat(x.readLine()).contains(" 352 " + other + " * ").contains(" " + op + " H* :0 ");
			x.readUntil((line) -> line.contains(" 315 "));
			x.send("WHOIS " + op);
			assertThat(x.readUntil((line) -> line.contains(" 313 ") || line.contains(" 318 ")))
				.isEqualTo(":switchboard 313 " + other + " " + op + " :is an IRC operator");
			x.send("LUSERS");
			String operators = x.readUntil((line) -> line.contains(" 252 "));
			assertThat(Integer.parseInt(operators.split(" ")[3])).isGreaterThanOrEqualTo(1);
			o.send("MODE " + op + " -o");
			assertThat(o.readLine()).isEqualTo(":" + mask(op) + " MODE " + op + " :-o");
			o.send("KILL " + other);
			assertThat(o.readLine()).startsWith(":switchboard 481 " + op + " ");
		}
	}

	@Test
	void aWrongPasswordAndAnUnknownNameGetTheSameAnswerAndTheThirdFailureCloses() {
		String nick = nick("guess");
		try (IrcProbe irc = IrcProbe.from("127.0.0.71", this.server.ircPort()).register(nick)) {
			irc.send("OPER " + ChatServer.IRC_OPERATOR + " wrong");
			assertThat(irc.readLine()).isEqualTo(":switchboard 464 " + nick + " :Password incorrect");
			irc.send("OPER nosuchoperator " + ChatServer.IRC_OPERATOR_PASSWORD);
			assertThat(irc.readLine()).isEqualTo(":switchboard 464 " + nick + " :Password incorrect");
			irc.send("OPER " + ChatServer.IRC_OPERATOR + " wrong-again");
			List<String> rest = irc.readToEnd();
			assertThat(rest.getFirst()).isEqualTo(":switchboard 464 " + nick + " :Password incorrect");
			assertThat(rest.getLast()).startsWith("ERROR :Closing link: ");
		}
	}

	@Test
	void anAddressThatKeepsGuessingIsRefusedWithoutACheckEvenWithTheRightPassword() {
		List<String> answers = new ArrayList<>();
		// Ten failures a minute from one address, the third on a connection closing it:
		// the fourth connection's first or second guess is the last one checked (a
		// slow machine may see a failure's allowance come back: one more).
		for (int connection = 0; connection < 6 && !answers.contains("491"); connection++) {
			String nick = nick("brute");
			try (IrcProbe irc = IrcProbe.from("127.0.0.72", this.server.ircPort()).register(nick)) {
				for (int attempt = 0; attempt < 3; attempt++) {
					irc.send("OPER " + ChatServer.IRC_OPERATOR + " guess" + attempt);
					String answer = irc.readLine();
					answers.add(answer.split(" ")[1]);
					if (answer.contains(" 491 ")) {
						irc.send("OPER " + ChatServer.IRC_OPERATOR + " " + ChatServer.IRC_OPERATOR_PASSWORD);
						assertThat(irc.readLine()).as("refused unchecked, even the right password")
							.contains(" 491 " + nick + " ");
						break;
					}
				}
			}
		}
		assertThat(answers).last().isEqualTo("491");
		assertThat(answers.subList(0, answers.size() - 1)).hasSizeBetween(10, 12).containsOnly("464");
	}

	@Test
	void killDisconnectsAClientOfAnyDoorAndTellsItsChannelsWhy() {
		String room = room();
		String op = nick("op");
		String victim = nick("vic");
		String ncNick = nick("nc");
		try (IrcProbe o = IrcProbe.registered(this.server.ircPort(), op);
				IrcProbe v = IrcProbe.registered(this.server.ircPort(), victim);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			nc.command("/nick " + ncNick);
			nc.command("/join " + room);
			joined(o, room);
			joined(v, room);
			v.send("KILL " + op + " :no");
			assertThat(v.readLine())
				.isEqualTo(":switchboard 481 " + victim + " :Permission Denied- You're not an IRC operator");
			oper(o, op);
			o.send("KILL nobody" + op + " :gone");
			assertThat(o.readLine()).isEqualTo(":switchboard 401 " + op + " nobody" + op + " :No such nick");
			o.send("KILL " + victim + " :spamming");
			assertThat(v.readToEnd()).last()
				.isEqualTo("ERROR :Closing link: switchboard (Killed (" + op + " (spamming)))");
			assertThat(o.readUntil((line) -> line.contains(" QUIT ")))
				.isEqualTo(":" + mask(victim) + " QUIT :Killed (" + op + " (spamming))");
			o.send("KILL " + ncNick);
			assertThat(nc.readToEnd()).anyMatch((line) -> line.contains("Killed (" + op + " (" + op + "))"));
			assertThat(o.readUntil((line) -> line.contains(" QUIT ")))
				.isEqualTo(":" + ncNick + "!~" + ncNick + "@switchboard QUIT :Killed (" + op + " (" + op + "))");
		}
	}

	@Test
	void wallopsReachOnlyUsersWithModeW() {
		String op = nick("op");
		String listening = nick("w");
		String deaf = nick("d");
		try (IrcProbe o = IrcProbe.registered(this.server.ircPort(), op);
				IrcProbe w = IrcProbe.registered(this.server.ircPort(), listening);
				IrcProbe d = IrcProbe.registered(this.server.ircPort(), deaf)) {
			d.send("WALLOPS :hello");
			assertThat(d.readLine()).startsWith(":switchboard 481 " + deaf + " ");
			w.send("MODE " + listening + " +w");
			assertThat(w.readLine()).isEqualTo(":" + mask(listening) + " MODE " + listening + " :+w");
			oper(o, op);
			o.send("WALLOPS :maintenance at five");
			assertThat(o.readLine()).isEqualTo(":" + mask(op) + " WALLOPS :maintenance at five");
			assertThat(w.readLine()).isEqualTo(":" + mask(op) + " WALLOPS :maintenance at five");
			d.send("PING :after");
			assertThat(d.readLine()).as("no WALLOPS came first").endsWith("PONG switchboard :after");
		}
	}

	@Test
	void userModeIAsIrssiSendsItIsAcceptedAndHidesFromWhoByMaskOnly() {
		String shy = nick("shy");
		String other = nick("ask");
		try (IrcProbe s = IrcProbe.registered(this.server.ircPort(), shy);
				IrcProbe o = IrcProbe.registered(this.server.ircPort(), other)) {
			s.send("MODE " + shy + " +i");
			assertThat(s.readLine()).isEqualTo(":" + mask(shy) + " MODE " + shy + " :+i");
			s.send("MODE " + shy + " +ix");
			assertThat(s.readLine()).as("i is set already; x is unknown")
				.isEqualTo(":switchboard 501 " + shy + " :Unknown MODE flag");
			s.send("MODE " + shy + " +o");
			s.send("MODE " + shy);
			assertThat(s.readLine()).as("+o is only OPER's to give").isEqualTo(":switchboard 221 " + shy + " +i");
			o.send("WHO " + shy.substring(0, 4) + "*");
			assertThat(o.readLine()).contains(" 315 ");
			o.send("WHO " + shy);
			assertThat(o.readLine()).contains(" 352 ");
		}
	}

	private static void oper(IrcProbe irc, String nick) {
		irc.send("OPER " + ChatServer.IRC_OPERATOR + " " + ChatServer.IRC_OPERATOR_PASSWORD);
		assertThat(irc.readUntil((line) -> line.contains(" 381 ")))
			.isEqualTo(":switchboard 381 " + nick + " :You are now an IRC operator");
		assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " MODE " + nick + " :+o");
	}

	static void joined(IrcProbe irc, String room) {
		irc.send("JOIN #" + room);
		irc.readUntil((line) -> line.contains(" 366 ") && line.contains("#" + room));
	}

	static String mask(String nick) {
		return nick + "!~" + nick.substring(0, Math.min(10, nick.length())) + "@switchboard";
	}

	static String room() {
		return "r" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String nick(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 4);
	}

}
