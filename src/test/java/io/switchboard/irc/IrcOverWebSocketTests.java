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
 * IRC over WebSocket ({@code text.ircv3.net}, {@code binary.ircv3.net} on {@code /ws}): a
 * web IRC client is an IRC client like one on the IRC port, with the same welcome and
 * commands, in the same rooms as every door's clients; one message is one line, without
 * CR LF. A client that agrees on no IRC subprotocol keeps the WebSocket door's own.
 */
@SwitchboardTest
class IrcOverWebSocketTests {

	@Autowired
	ChatServer server;

	@Test
	void aWebIrcClientRegistersWithTheSameWelcomeAsOnTheIrcPort() {
		String nick = nick("web");
		try (WebIrcProbe web = WebIrcProbe.connect(this.server.httpPort(), "text.ircv3.net")) {
			assertThat(web.subprotocol()).isEqualTo("text.ircv3.net");
			web.send("CAP LS 302");
			assertThat(web.readLine()).startsWith(":switchboard CAP * LS :").contains("server-time");
			web.send("NICK " + nick).send("USER " + nick + " 0 * :Real Name").send("CAP END");
			assertThat(web.readLine()).startsWith(":switchboard 001 " + nick + " :Welcome to the Switchboard");
			List<String> welcome = new ArrayList<>();
			for (String line = web.readLine(); !line.contains(" 422 "); line = web.readLine()) {
				assertThat(line).as("one line a message, without its line end").doesNotContain("\r", "\n");
				welcome.add(line);
			}
			assertThat(String.join(" ", welcome)).contains(" 005 ", "CASEMAPPING=ascii", "CHANTYPES=#", "UTF8ONLY",
					" 251 ", " 254 ");
			web.send("PING :hello-42");
			assertThat(web.readLine()).isEqualTo(":switchboard PONG switchboard :hello-42");
			web.send("QUIT :done");
			assertThat(web.readToEnd()).last().isEqualTo("ERROR :Closing link: switchboard (Quit: done)");
			assertThat(web.closeCode()).isEqualTo(1000);
		}
	}

	@Test
	void aWebIrcClientAnIrcClientAndAnNcClientChatInOneChannel() {
		String room = "r" + UUID.randomUUID().toString().substring(0, 8);
		String nick = nick("web");
		String ircNick = nick("irc");
		try (WebIrcProbe web = WebIrcProbe.registered(this.server.httpPort(), nick);
				IrcProbe irc = IrcProbe.registered(this.server.ircPort(), ircNick);
				LineClient nc = LineClient.connected(this.server.tcpPort())) {
			assertThat(nc.command("/nick " + nick + "nc")).isEqualTo("* you are now " + nick + "nc");
			assertThat(nc.command("/join " + room)).isEqualTo("* you are now in room " + room);
			irc.send("JOIN #" + room);
			irc.readUntil((line) -> line.contains(" 366 "));
			web.send("JOIN #" + room);
			assertThat(web.readLine()).isEqualTo(":" + mask(nick) + " JOIN #" + room);
			assertThat(web.readUntil((line) -> line.contains(" 353 "))).contains(ircNick, "@" + nick + "nc");
			web.readUntil((line) -> line.contains(" 366 "));
			assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " JOIN #" + room);

			web.send("PRIVMSG #" + room + " :hello from the web");
			assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " PRIVMSG #" + room + " :hello from the web");
			assertThat(nc.readUntil((line) -> line.contains("hello from the web")))
				.endsWith("] " + nick + " hello from the web");

			irc.send("PRIVMSG #" + room + " :hello from irc");
			assertThat(web.readLine()).isEqualTo(":" + mask(ircNick) + " PRIVMSG #" + room + " :hello from irc");
			nc.send("hello from nc");
			assertThat(web.readLine()).isEqualTo(":" + mask(nick + "nc") + " PRIVMSG #" + room + " :hello from nc");

			irc.send("PRIVMSG " + nick + " :just you");
			assertThat(web.readLine()).isEqualTo(":" + mask(ircNick) + " PRIVMSG " + nick + " :just you");
			web.send("QUIT :bye");
			assertThat(irc.readUntil((line) -> line.contains(" QUIT ")))
				.isEqualTo(":" + mask(nick) + " QUIT :Quit: bye");
		}
	}

	@Test
	void binaryIrcv3NetCarriesLinesAsBinaryMessages() {
		String room = "r" + UUID.randomUUID().toString().substring(0, 8);
		String nick = nick("bin");
		try (WebIrcProbe web = WebIrcProbe.connect(this.server.httpPort(), "binary.ircv3.net");
				IrcProbe irc = IrcProbe.registered(this.server.ircPort(), nick("irc"))) {
			assertThat(web.subprotocol()).isEqualTo("binary.ircv3.net");
			web.register(nick);
			web.send("JOIN #" + room);
			WebIrcProbe.Message joined = web.next();
			assertThat(joined).isEqualTo(new WebIrcProbe.Message(":" + mask(nick) + " JOIN #" + room, true));
			irc.send("JOIN #" + room);
			irc.readUntil((line) -> line.contains(" 366 "));
			web.send("PRIVMSG #" + room + " :grüße, 你好");
			assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " PRIVMSG #" + room + " :grüße, 你好");
			// A trailing CR LF, which the spec forbids, is forgiven.
			web.sendBinary(("PRIVMSG #" + room + " :with a line end\r\n").getBytes(StandardCharsets.UTF_8));
			assertThat(irc.readLine()).isEqualTo(":" + mask(nick) + " PRIVMSG #" + room + " :with a line end");
		}
	}

	@Test
	void theClientsOrderOfPreferenceChoosesTheSubprotocol() {
		try (WebIrcProbe binaryFirst = WebIrcProbe.connect(this.server.httpPort(), "binary.ircv3.net",
				"text.ircv3.net");
				WebIrcProbe textFirst = WebIrcProbe.connect(this.server.httpPort(), "text.ircv3.net",
						"binary.ircv3.net");
				WebIrcProbe unknownFirst = WebIrcProbe.connect(this.server.httpPort(), "chat.example.org",
						"text.ircv3.net")) {
			assertThat(binaryFirst.subprotocol()).isEqualTo("binary.ircv3.net");
			assertThat(textFirst.subprotocol()).isEqualTo("text.ircv3.net");
			assertThat(unknownFirst.subprotocol()).isEqualTo("text.ircv3.net");
		}
	}

	@Test
	void aClientThatAgreesOnNoSubprotocolKeepsTheLineProtocol() {
		String nick = nick("line");
		try (WebIrcProbe unknown = WebIrcProbe.connect(this.server.httpPort(), "chat.example.org")) {
			assertThat(unknown.subprotocol()).isEmpty();
			unknown.sendText("/nick " + nick);
			assertThat(unknown.readUntil((line) -> line.startsWith("* you are now ")))
				.isEqualTo("* you are now " + nick);
		}
	}

	@Test
	void aWebIrcClientOnAnotherSitesPageIsRefusedAsAnyWebSocketIs() {
		assertThat(WebIrcProbe.handshakeStatus(this.server.httpPort(), "https://elsewhere.example")).isEqualTo(403);
		assertThat(WebIrcProbe.handshakeStatus(this.server.httpPort(), "http://127.0.0.1:" + this.server.httpPort()))
			.isEqualTo(101);
	}

	/** The prefix others see: user names are cut to USERLEN (10). */
	private static String mask(String nick) {
		return nick + "!~" + nick.substring(0, Math.min(10, nick.length())) + "@switchboard";
	}

	private static String nick(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 6);
	}

}
