package io.switchboard.irc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.switchboard.irc.IrcOperatorTests.nick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PROXY protocol on the IRC port, with the chat port's parser and rules: a trusted
 * proxy (127.0.0.1 here) must start each connection with a header, whose source becomes
 * the client's address; anyone else (127.0.0.2) sending one lies about its address and is
 * refused; a garbage or slow header from the proxy admits no one.
 */
@SwitchboardTest({ "--switchboard.irc.proxy-protocol=any", "--switchboard.irc.proxy-trusted=127.0.0.1/32" })
class IrcProxyProtocolTests {

	@Autowired
	ChatServer server;

	@Test
	void aTrustedProxysHeaderGivesTheClientItsAddress() {
		String nick = nick("px");
		try (IrcProbe irc = proxied("PROXY TCP4 203.0.113.1 127.0.0.1 40001 6667\r\n")) {
			irc.register(nick);
			assertThat(this.server.http("GET", "/actuator/clients", "").body()).contains("203.0.113.1:40001");
		}
	}

	@Test
	void aClientLyingWithAHeaderFromAnUntrustedAddressIsRefusedAndNeverRegisters() {
		String liar = nick("liar");
		try (IrcProbe irc = IrcProbe.from("127.0.0.2", this.server.ircPort())) {
			irc.send("PROXY TCP4 203.0.113.9 127.0.0.1 1 2").send("NICK " + liar).send("USER x 0 * :x");
			assertThat(irc.readToEnd()).noneMatch((line) -> line.contains(" 001 "))
				.anyMatch((line) -> line.contains("PROXY header refused: your address is not a trusted proxy"))
				.last()
				.asString()
				.startsWith("ERROR :Closing link: switchboard (PROXY header refused");
		}
		assertThat(this.server.http("GET", "/actuator/clients", "").body()).doesNotContain("203.0.113.9")
			.doesNotContain(liar);
	}

	@Test
	void aGarbageHeaderFromTheTrustedProxyAdmitsNoOne() {
		try (IrcProbe irc = proxied("NICK sneaky\r\nUSER x 0 * :x\r\n")) {
			assertThat(irc.readToEnd()).containsExactly("ERROR :Closing link: switchboard (invalid PROXY header: the"
					+ " connection does not start with one)");
		}
		try (IrcProbe irc = proxied("PROXY TCP4 203.0.113.300 127.0.0.1 1 2\r\n")) {
			assertThat(irc.readToEnd()).singleElement()
				.asString()
				.startsWith("ERROR :Closing link: switchboard (invalid");
		}
	}

	@Test
	void aHeaderThatNeverEndsIsCutAtItsDeadline() {
		long started = System.nanoTime();
		try (IrcProbe irc = proxied("PROXY TCP4 203.0.113.5 ")) {
			assertThat(irc.readToEnd()).singleElement()
				.asString()
				.startsWith("ERROR :Closing link: switchboard (no complete PROXY header within 5s");
		}
		assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(4_900);
	}

	/**
	 * A connection from the trusted proxy's address that starts with {@code header}.
	 */
	private IrcProbe proxied(String header) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.server.ircPort()), 10_000);
			IrcProbe irc = new IrcProbe(socket);
			irc.sendRaw(header.getBytes(StandardCharsets.US_ASCII));
			return irc;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
