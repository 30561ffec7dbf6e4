package io.switchboard.irc;

import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IRC's nick grammar allows {@code [}, but services (the publish API) are shown as
 * {@code [name]}: an IRC client asking for such a nick gets {@code 432}, before and after
 * registration, while a service's line still comes from {@code [name]}.
 */
@SwitchboardTest
class IrcServiceNickTests {

	@Autowired
	ChatServer server;

	@Test
	void aNickInTheBracketedFormOfServicesIsErroneousAtRegistration() {
		try (IrcProbe irc = new IrcProbe(this.server.ircPort())) {
			for (String nick : new String[] { "[deploy-bot]", "[x]", "[x" }) {
				irc.send("NICK " + nick);
				assertThat(irc.readLine()).isEqualTo(":switchboard 432 * " + nick + " :Erroneous nickname");
			}
		}
	}

	@Test
	void aRegisteredClientCannotChangeToTheBracketedFormAndServiceLinesKeepIt() {
		String nick = "svc" + UUID.randomUUID().toString().substring(0, 6);
		String room = "r" + UUID.randomUUID().toString().substring(0, 8);
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick)) {
			irc.send("NICK [deploy-bot]");
			assertThat(irc.readLine()).isEqualTo(":switchboard 432 " + nick + " [deploy-bot] :Erroneous nickname");
			irc.send("JOIN #" + room);
			irc.readUntil((line) -> line.contains(" 366 "));
			assertThat(this.server
				.http("POST", "/api/rooms/" + room + "/messages", "{\"text\":\"deployed\",\"from\":\"deploy-bot\"}")
				.statusCode()).isEqualTo(200);
			assertThat(irc.readUntil((line) -> line.contains(" PRIVMSG "))).startsWith(":[deploy-bot]!")
				.endsWith(" PRIVMSG #" + room + " :deployed");
		}
	}

}
