package io.switchboard.irc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.switchboard.SwitchboardApplication;
import io.switchboard.core.ClientRegistry;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful shutdown as an IRC client sees it: the notice, then {@code ERROR}, then FIN
 * (over WebSocket, the close frame); a client that never registers is closed when its
 * time is up; the message of the day from a file.
 */
class IrcShutdownTests {

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		// Started by hand, not by the test framework: the test closes it.
		this.context = new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.port=0", "--switchboard.echo.host=127.0.0.1",
				"--switchboard.shutdown.drain-timeout=3s", "--switchboard.irc.registration-timeout=1s",
				"--switchboard.irc.motd=classpath:irc-test-motd.txt");
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void aClientThatNeverRegistersIsClosedWhenItsTimeIsUp() {
		try (IrcProbe silent = new IrcProbe(port())) {
			silent.send("NICK halfway");
			assertThat(silent.readToEnd()).last()
				.isEqualTo("ERROR :Closing link: switchboard (Registration timed out)");
		}
	}

	@Test
	void theMessageOfTheDayComesFromTheFileTheSettingNames() {
		try (IrcProbe irc = new IrcProbe(port())) {
			irc.send("NICK motd").send("USER u 0 * :R");
			assertThat(irc.readUntil((line) -> line.contains(" 375 ")))
				.isEqualTo(":switchboard 375 motd :- switchboard Message of the day - ");
			assertThat(irc.readLine()).isEqualTo(":switchboard 372 motd :- Welcome to the test network.");
			assertThat(irc.readLine()).isEqualTo(":switchboard 372 motd :- Be nice.");
			assertThat(irc.readLine()).isEqualTo(":switchboard 376 motd :End of /MOTD command.");
		}
	}

	@Test
	void shutdownSendsTheNoticeThenErrorThenFin() throws Exception {
		ClientRegistry registry = this.context.getBean(ClientRegistry.class);
		try (IrcProbe irc = IrcProbe.registered(port(), "leaving")) {
			irc.send("JOIN #lobby");
			irc.readUntil((line) -> line.contains(" 366 "));
			CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);
			List<String> rest = irc.readToEnd();
			assertThat(rest).containsSubsequence(":switchboard NOTICE * :server shutting down",
					"ERROR :Closing link: switchboard (Server shutting down)");
			assertThat(rest).last().isEqualTo("ERROR :Closing link: switchboard (Server shutting down)");
			closing.get();
			assertThat(registry.count()).isZero();
		}
	}

	@Test
	void aWebIrcClientThatNeverRegistersIsClosedWhenItsTimeIsUp() {
		try (WebIrcProbe silent = WebIrcProbe.connect(httpPort(), "text.ircv3.net")) {
			silent.send("NICK halfway");
			assertThat(silent.readToEnd()).last()
				.isEqualTo("ERROR :Closing link: switchboard (Registration timed out)");
		}
	}

	@Test
	void shutdownSendsAWebIrcClientTheNoticeThenErrorThenCloseCode1001() throws Exception {
		try (WebIrcProbe web = WebIrcProbe.registered(httpPort(), "webleaving")) {
			web.send("JOIN #lobby");
			web.readUntil((line) -> line.contains(" 366 "));
			CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);
			List<String> rest = web.readToEnd();
			assertThat(rest).containsSubsequence(":switchboard NOTICE * :server shutting down",
					"ERROR :Closing link: switchboard (Server shutting down)");
			assertThat(rest).last().isEqualTo("ERROR :Closing link: switchboard (Server shutting down)");
			assertThat(web.closeCode()).isEqualTo(1001);
			closing.get();
		}
	}

	private int httpPort() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private int port() {
		StreamListener irc = this.context.getBean("ircChatServer", StreamListener.class);
		return irc.getPort();
	}

}
