package io.switchboard.irc;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An action ({@code /me}) is one event across doors: IRC's CTCP ACTION and the line
 * protocol's {@code /me} each reach the others as an action in the others' own form,
 * never as the raw {@code \x01ACTION} bytes.
 */
@SwitchboardTest
class ActionsAcrossDoorsTests {

	@Autowired
	ChatServer server;

	@Test
	void anIrcActionReachesTheLineDoorAndThePageAsAnActionAndALineActionReachesIrcAsCtcp() {
		String id = UUID.randomUUID().toString().substring(0, 6);
		String room = "act" + id;
		String erin = "erin" + id;
		String gina = "gina" + id;
		try (IrcProbe irc = IrcProbe.registered(this.server.ircPort(), erin);
				LineClient nc = LineClient.connected(this.server.tcpPort());
				WebSocketProbe page = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
			assertThat(nc.command("/nick " + gina)).isEqualTo("* you are now " + gina);
			assertThat(nc.command("/join " + room)).isEqualTo("* you are now in room " + room);
			page.send("{\"line\":\"/join " + room + "\"}");
			page.nextMatching((frame) -> frame.contains("\"you are now in room " + room + "\""));
			irc.send("JOIN #" + room);
			irc.readUntil((line) -> line.contains(" 366 "));

			irc.send("PRIVMSG #" + room + " :\u0001ACTION hands " + gina + " a coffee\u0001");
			assertThat(nc.readUntil((line) -> line.contains("a coffee")))
				.matches("\\[[-\\d :]+\\] \\* " + erin + " hands " + gina + " a coffee");
			String frame = page.nextMatching((text) -> text.contains("a coffee"));
			assertThat(JsonPath.<String>read(frame, "$.text")).isEqualTo("hands " + gina + " a coffee");
			assertThat(JsonPath.<Boolean>read(frame, "$.action")).isTrue();

			nc.send("/me says thanks");
			assertThat(irc.readUntil((line) -> line.contains("says thanks"))).isEqualTo(
					":" + gina + "!~" + gina + "@switchboard PRIVMSG #" + room + " :\u0001ACTION says thanks\u0001");
			nc.send("and a plain line");
			String plain = page.nextMatching((text) -> text.contains("a plain line"));
			assertThat(plain).as("a plain line carries no action flag").doesNotContain("\"action\"");

			irc.send("PRIVMSG " + gina + " :\u0001ACTION waves privately\u0001");
			assertThat(nc.readUntil((line) -> line.contains("waves privately")))
				.endsWith(erin + " -> " + gina + ": * " + erin + " waves privately");
		}
	}

}
