package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web IRC client that breaks the rules meets the IRC port's limits: flood control, the
 * 512-byte rule and the longest line, the per-address limit shared with every door; and
 * the WebSocket's own: one line a message, text on the text subprotocol. The others stay
 * connected. (The same settings as IrcRefusalTests: one running server for all; each test
 * connects from an address of its own.)
 */
@SwitchboardTest({ "--test.client.rate=1", "--switchboard.client.burst=8", "--switchboard.max-clients-per-ip=2" })
class IrcOverWebSocketHostileTests {

	@Autowired
	ChatServer server;

	@Test
	void aFloodingWebIrcClientIsCutAsOnTheIrcPortAndOthersStay() {
		String room = "flood" + unique();
		try (WebIrcProbe flooder = WebIrcProbe.from("127.0.0.81", this.server.httpPort(), "text.ircv3.net")
			.register("flooder" + unique());
				IrcProbe other = IrcProbe.from("127.0.0.82", this.server.ircPort()).register("other" + unique())) {
			other.send("JOIN #" + room);
			other.readUntil((line) -> line.contains(" 366 "));
			flooder.send("JOIN #" + room);
			for (int i = 0; i < 30; i++) {
				flooder.send("PRIVMSG #" + room + " :flood " + i);
			}
			assertThat(flooder.readToEnd()).last().isEqualTo("ERROR :Closing link: switchboard (Excess flood)");
			assertThat(flooder.closeCode()).isEqualTo(1008);
			other.send("PING :still-here");
			assertThat(other.readUntil((line) -> line.contains(" PONG ")))
				.isEqualTo(":switchboard PONG switchboard :still-here");
		}
	}

	@Test
	void emptyMessagesCountAgainstFloodControl() {
		try (WebIrcProbe empty = WebIrcProbe.from("127.0.0.83", this.server.httpPort(), "text.ircv3.net")
			.register("empty" + unique())) {
			for (int i = 0; i < 30; i++) {
				empty.sendText("");
			}
			assertThat(empty.readToEnd()).last().isEqualTo("ERROR :Closing link: switchboard (Excess flood)");
		}
	}

	@Test
	void aLineOverTheIrcLimitGets417AndOneOverTheLongestLineEndsTheConnection() {
		String nick = "long" + unique();
		try (WebIrcProbe web = WebIrcProbe.from("127.0.0.84", this.server.httpPort(), "text.ircv3.net")
			.register(nick)) {
			web.send("PRIVMSG " + nick + " :" + "x".repeat(600));
			assertThat(web.readLine()).isEqualTo(":switchboard 417 " + nick + " :Input line was too long");
			web.send("PING :still-here");
			assertThat(web.readLine()).isEqualTo(":switchboard PONG switchboard :still-here");
			// Past tags and text together: never kept whole, and the end, as on the port.
			web.send("PRIVMSG " + nick + " :" + "x".repeat(IrcWebSocketClients.MAX_LINE_BYTES));
			List<String> rest = web.readToEnd();
			assertThat(rest).first().isEqualTo(":switchboard 417 " + nick + " :Input line was too long");
			assertThat(rest).last().isEqualTo("ERROR :Closing link: switchboard (Input line was too long)");
			assertThat(web.closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void aBinaryMessageOnTheTextSubprotocolEndsTheConnectionWithCode1003() {
		String nick = "bin" + unique();
		try (WebIrcProbe web = WebIrcProbe.from("127.0.0.85", this.server.httpPort(), "text.ircv3.net")
			.register(nick)) {
			web.sendBinary(("PRIVMSG " + nick + " :binary").getBytes(StandardCharsets.UTF_8));
			List<String> rest = web.readToEnd();
			assertThat(rest).contains(":switchboard NOTICE " + nick + " :binary frames are not accepted");
			assertThat(rest).last().asString().startsWith("ERROR :Closing link: switchboard (");
			assertThat(web.closeCode()).isEqualTo(1003);
		}
	}

	@Test
	void aMessageWithTwoLinesInItIsIgnoredAndNothingOfItIsRelayed() {
		String room = "lines" + unique();
		String nick = "two" + unique();
		try (WebIrcProbe web = WebIrcProbe.from("127.0.0.86", this.server.httpPort(), "text.ircv3.net").register(nick);
				IrcProbe other = IrcProbe.from("127.0.0.87", this.server.ircPort()).register("other" + unique())) {
			other.send("JOIN #" + room);
			other.readUntil((line) -> line.contains(" 366 "));
			web.send("JOIN #" + room);
			web.readUntil((line) -> line.contains(" 366 "));
			other.readUntil((line) -> line.contains(" JOIN #" + room));
			web.send("PRIVMSG #" + room + " :one\nPRIVMSG #" + room + " :two");
			assertThat(web.readLine())
				.isEqualTo(":switchboard NOTICE " + nick + " :a message with more than one line in it was ignored");
			web.send("PRIVMSG #" + room + " :after");
			assertThat(other.readUntil((line) -> line.contains(" PRIVMSG "))).endsWith(" PRIVMSG #" + room + " :after");
		}
	}

	@Test
	void webIrcClientsCountTowardsTheAddressLimitWithEveryDoorsClients() {
		String address = "127.0.0.88";
		try (WebIrcProbe first = WebIrcProbe.from(address, this.server.httpPort(), "text.ircv3.net")
			.register("first" + unique());
				IrcProbe second = IrcProbe.from(address, this.server.ircPort()).register("second" + unique());
				WebIrcProbe third = WebIrcProbe.from(address, this.server.httpPort(), "text.ircv3.net")) {
			assertThat(third.readToEnd()).last()
				.isEqualTo("ERROR :Closing link: switchboard (too many connections from your address (max 2))");
			assertThat(third.closeCode()).isEqualTo(1013);
			first.send("PING :still-here");
			assertThat(first.readLine()).isEqualTo(":switchboard PONG switchboard :still-here");
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
