package io.switchboard.irc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.auth.Tokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code switchboard.auth.mode=token} an IRC client presents its token as
 * {@code PASS}; the token's nick and rooms apply as on every door. (The same settings as
 * TokenAuthTests: one running server for both.)
 */
@SwitchboardTest({ "--switchboard.auth.mode=token", "--switchboard.auth.jwt.secret=" + Tokens.SECRET,
		"--switchboard.rooms.policies[0].pattern=news-*", "--switchboard.rooms.policies[0].read-only=true" })
class IrcTokenTests {

	@Autowired
	ChatServer server;

	@Test
	void passCarriesTheTokenWhoseNickWinsAndWhoseRoomsApply() {
		String nick = "tok" + UUID.randomUUID().toString().substring(0, 6);
		String token = Tokens.hmac("irc-" + nick, Duration.ofMinutes(5),
				Map.of("nick", nick, "rooms", List.of("team-*")));
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("PASS " + token).send("NICK whatever").send("USER u 0 * :R");
			assertThat(irc.readUntil((line) -> line.contains(" 001 "))).startsWith(":switchboard 001 " + nick + " ");
			irc.readUntil((line) -> line.contains(" 422 "));
			irc.send("JOIN #lobby");
			assertThat(irc.readLine()).isEqualTo(":switchboard 473 " + nick + " #lobby :Cannot join channel (+i)");
			irc.send("JOIN #team-" + nick);
			assertThat(irc.readLine()).startsWith(":" + nick + "!~u@switchboard JOIN #team-" + nick);
		}
	}

	@Test
	void withoutATokenOrWithABadOneTheClientIsToldAndClosed() {
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("NICK nopass").send("USER u 0 * :R");
			List<String> rest = irc.readToEnd();
			assertThat(rest).contains(":switchboard 464 nopass :Password required: PASS with your token");
			assertThat(rest).last().isEqualTo("ERROR :Closing link: switchboard (Authentication failed)");
		}
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			irc.send("PASS not-a-token").send("NICK badpass").send("USER u 0 * :R");
			List<String> rest = irc.readToEnd();
			assertThat(rest).anyMatch((line) -> line.endsWith(":invalid token: malformed token"));
			assertThat(rest).last().isEqualTo("ERROR :Closing link: switchboard (Authentication failed)");
		}
	}

	@Test
	void roomsATokenMayNotJoinAreSecretToIt() {
		String id = UUID.randomUUID().toString().substring(0, 6);
		String insider = "in" + id;
		String outsider = "out" + id;
		String secret = "secret-" + id;
		String team = "team-" + id;
		try (IrcProbe in = signedIn(insider, List.of("*")); IrcProbe out = signedIn(outsider, List.of("team-*"))) {
			in.send("JOIN #" + secret + ",#" + team).send("TOPIC #" + secret + " :the plan");
			in.readUntil((line) -> line.contains(" TOPIC #" + secret + " :the plan"));
			out.send("JOIN #" + team);
			out.readUntil((line) -> line.contains(" 366 "));
			out.send("NAMES #" + secret);
			assertThat(out.readLine())
				.isEqualTo(":switchboard 366 " + outsider + " #" + secret + " :End of /NAMES list");
			out.send("WHO #" + secret);
			assertThat(out.readLine()).isEqualTo(":switchboard 315 " + outsider + " #" + secret + " :End of WHO list");
			out.send("TOPIC #" + secret);
			assertThat(out.readLine()).isEqualTo(":switchboard 403 " + outsider + " #" + secret + " :No such channel");
			out.send("WHOIS " + insider);
			List<String> whois = new ArrayList<>();
			for (String line = out.readLine(); !line.contains(" 318 "); line = out.readLine()) {
				whois.add(line);
			}
			assertThat(whois).filteredOn((line) -> line.contains(" 319 "))
				.containsExactly(":switchboard 319 " + outsider + " " + insider + " :@#" + team);
			out.send("LIST");
			List<String> list = new ArrayList<>();
			for (String line = out.readLine(); !line.contains(" 323 "); line = out.readLine()) {
				list.add(line);
			}
			assertThat(list).anyMatch((line) -> line.contains(" #" + team + " "))
				.noneMatch((line) -> line.contains(secret) || line.contains("the plan"));
			in.send("LIST");
			assertThat(in.readUntil((line) -> line.contains(" #" + secret + " ") || line.contains(" 323 ")))
				.as("whoever may join it sees it")
				.endsWith(" #" + secret + " 1 :the plan");
		}
	}

	private IrcProbe signedIn(String nick, List<String> rooms) {
		String token = Tokens.hmac("irc-" + nick, Duration.ofMinutes(5), Map.of("nick", nick, "rooms", rooms));
		IrcProbe irc = new IrcProbe(this.server.ircPort());
		irc.send("PASS " + token).send("NICK " + nick).send("USER u 0 * :R");
		irc.readUntil((line) -> line.contains(" 422 "));
		return irc;
	}

}
