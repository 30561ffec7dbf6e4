package io.switchboard.irc;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IRC user watching the default room sees of TCP connections: one refused before
 * it became a chat client (an HTTP request on the chat port) neither joins nor quits; a
 * chat client that only reads is shown joining once it has stayed a moment.
 */
@SwitchboardTest
class IrcRefusedConnectionsTests {

	@Autowired
	ChatServer server;

	@Test
	void anHttpRequestOnTheChatPortNeverShowsOnIrcWhileAReaderShowsUpWithoutSayingAnything() throws Exception {
		try (IrcProbe watcher = IrcProbe.registered(this.server.ircPort(), "watcher")) {
			watcher.send("JOIN #lobby");
			watcher.readUntil((line) -> line.contains(" 366 "));

			int refusedPort;
			try (Socket curl = new Socket(InetAddress.getLoopbackAddress(), this.server.tcpPort())) {
				refusedPort = curl.getLocalPort();
				curl.setSoTimeout(10_000);
				OutputStream out = curl.getOutputStream();
				out.write("GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/8\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = curl.getInputStream();
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("HTTP/1.1 400 Bad Request");
			}

			List<String> seen = new ArrayList<>();
			try (LineClient reader = new LineClient(this.server.tcpPort())) {
				String readerNick = "-" + reader.socket().getLocalPort() + "!";
				// silent: shown once it has been connected for the arrival grace
				readInto(seen, watcher, readerNick, " JOIN ");
				reader.send("just reading, mostly");
				readInto(seen, watcher, readerNick, " PRIVMSG ");
				reader.send("quit");
				readInto(seen, watcher, readerNick, " QUIT ");
			}
			assertThat(seen).noneMatch((line) -> line.contains("-" + refusedPort + "!"));
		}
	}

	/**
	 * Read lines into {@code seen} up to the first from {@code who} with {@code verb}.
	 */
	private static void readInto(List<String> seen, IrcProbe watcher, String who, String verb) {
		String line;
		do {
			line = watcher.readLine();
			seen.add(line);
		}
		while (!(line.contains(who) && line.contains(verb)));
	}

}
