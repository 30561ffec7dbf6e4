package io.switchboard.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.SwitchboardApplication;
import io.switchboard.auth.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The terminal client from the packaged jar, typed into in real terminals (tmux), against
 * a server that is stopped and started again on the same ports.
 */
class TerminalClientIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private ConfigurableApplicationContext server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void clientsChatReconnectAfterAServerRestartAndQuitCleanlyTcpAndUdp() throws Exception {
		assumeThat(Tmux.available()).as("tmux on the PATH (.ci/run installs it)").isTrue();
		int port = freePort();
		this.server = startServer(port);
		try (Tmux tmux = new Tmux("switchboard-it-" + UUID.randomUUID().toString().substring(0, 8))) {
			String alice = tmux.firstPane();
			String bob = tmux.split();
			String udp = tmux.split();
			tmux.type(alice, client("127.0.0.1 " + port));
			tmux.type(bob, client("127.0.0.1 " + port));
			// A 1s heartbeat, so the UDP client notices the restarted server quickly.
			tmux.type(udp, client("--udp 127.0.0.1 " + port).replace(" -jar ",
					" -Dswitchboard.client.heartbeat-seconds=1 -jar "));
			for (String pane : new String[] { alice, bob, udp }) {
				tmux.awaitText(pane, "* welcome to switchboard", WAIT);
			}

			tmux.type(alice, "hello from alice");
			tmux.awaitText(bob, " hello from alice", WAIT);
			tmux.awaitText(udp, " hello from alice", WAIT);
			tmux.type(udp, "hello from udp");
			tmux.awaitText(alice, " hello from udp", WAIT);

			this.server.close();
			tmux.awaitText(alice, "* connection to 127.0.0.1:" + port + " lost", WAIT);
			tmux.awaitText(alice, "* reconnecting in 1s", WAIT);
			this.server = startServer(port);
			tmux.awaitText(alice, "* reconnected to 127.0.0.1:" + port, WAIT);
			tmux.awaitText(bob, "* reconnected to 127.0.0.1:" + port, WAIT);
			// the UDP client joins the new server by itself: a second greeting
			await().atMost(WAIT).until(() -> tmux.screen(udp).split("\\* welcome to switchboard", -1).length == 3);

			tmux.type(bob, "bob is back");
			tmux.awaitText(alice, " bob is back", WAIT);
			tmux.awaitText(udp, " bob is back", WAIT);
			// with the new server's key: the old one would be dropped
			tmux.type(udp, "udp is back");
			tmux.awaitText(alice, " udp is back", WAIT);
			assertThat(tmux.screen(udp)).contains("* your key is ")
				.doesNotContain("ERR start every datagram with your key");

			tmux.type(alice, "quit");
			tmux.awaitText(alice, "exit=0", WAIT);
			tmux.key(udp, "C-d");
			tmux.awaitText(udp, "exit=0", WAIT);
			assertThat(tmux.screen(alice)).contains("* bye");
			tmux.type(bob, "/quit");
			tmux.awaitText(bob, "exit=0", WAIT);
		}
	}

	@Test
	void aQuietReaderStaysWithinTheIdleTimeoutThroughTheClientsHeartbeat() throws Exception {
		assumeThat(Tmux.available()).as("tmux on the PATH (.ci/run installs it)").isTrue();
		int port = freePort();
		this.server = startServer(port, "--switchboard.tcp.idle-timeout=3s");
		try (Tmux tmux = new Tmux("switchboard-it-" + UUID.randomUUID().toString().substring(0, 8));
				Socket silent = new Socket("127.0.0.1", port)) {
			String reader = tmux.firstPane();
			tmux.type(reader,
					client("127.0.0.1 " + port).replace(" -jar ", " -Dswitchboard.client.heartbeat-seconds=1 -jar "));
			tmux.awaitText(reader, "* welcome to switchboard", WAIT);
			// A connection that sends nothing (nc left alone) is closed at the idle
			// timeout...
			silent.setSoTimeout((int) WAIT.toMillis());
			InputStream in = silent.getInputStream();
			while (in.read() >= 0) {
				// the greeting, then EOF
			}
			// ...while the client that never typed either is still there: its heartbeats
			// are empty lines, shown to nobody.
			tmux.type(reader, "still here");
			tmux.awaitText(reader, " still here", WAIT);
			assertThat(tmux.screen(reader)).doesNotContain("lost");
			tmux.type(reader, "quit");
			tmux.awaitText(reader, "exit=0", WAIT);
		}
	}

	@Test
	void clientThatCannotConnectSaysSoAndExitsNonZero() throws Exception {
		assumeThat(Tmux.available()).as("tmux on the PATH (.ci/run installs it)").isTrue();
		int port = freePort();
		try (Tmux tmux = new Tmux("switchboard-it-" + UUID.randomUUID().toString().substring(0, 8))) {
			tmux.type(tmux.firstPane(), client("127.0.0.1 " + port));
			tmux.awaitText(tmux.firstPane(), "exit=1", WAIT);
			assertThat(tmux.screen(tmux.firstPane()))
				.contains("switchboard client: cannot connect to 127.0.0.1:" + port + ": Connection refused");
			tmux.type(tmux.firstPane(), client("--bogus"));
			tmux.awaitText(tmux.firstPane(), "exit=2", WAIT);
			assertThat(tmux.screen(tmux.firstPane())).contains("unknown option --bogus").contains(ClientOptions.USAGE);
		}
	}

	@Test
	void onATokenServerTheClientSignsInAgainAfterARestartKeepingItsNickAndRoomAndStopsOnARefusal() throws Exception {
		assumeThat(Tmux.available()).as("tmux on the PATH (.ci/run installs it)").isTrue();
		int port = freePort();
		String[] tokenMode = { "--switchboard.auth.mode=token", "--switchboard.auth.jwt.secret=" + Tokens.SECRET,
				"--switchboard.auth.timeout=2s" };
		this.server = startServer(port, tokenMode);
		try (Tmux tmux = new Tmux("switchboard-it-" + UUID.randomUUID().toString().substring(0, 8))) {
			String alice = tmux.firstPane();
			String expired = tmux.split();
			String none = tmux.split();
			tmux.type(alice, "SWITCHBOARD_TOKEN=" + Tokens.hmac("alice-subject", Duration.ofMinutes(10), Map.of()) + " "
					+ client("127.0.0.1 " + port));
			tmux.awaitText(alice, "* authenticated as alice-subject", WAIT);
			tmux.type(alice, "/nick alice");
			tmux.awaitText(alice, "* you are now alice", WAIT);
			tmux.type(alice, "/join dev");
			tmux.awaitText(alice, "* you are now in room dev", WAIT);

			this.server.close();
			tmux.awaitText(alice, "* connection to 127.0.0.1:" + port + " lost", WAIT);
			this.server = startServer(port, tokenMode);
			tmux.awaitText(alice, "* reconnected to 127.0.0.1:" + port, WAIT);
			// signed in again with the same token, then its nick and room asked for again
			await().atMost(WAIT).until(() -> count(tmux.screen(alice), "* you are now in room dev") == 2);
			assertThat(count(tmux.screen(alice), "* authenticated as alice-subject")).isEqualTo(2);
			tmux.type(alice, "/who");
			tmux.awaitText(alice, "* in dev: alice", WAIT);
			assertThat(tmux.screen(alice)).doesNotContain("ERR");

			// A token the server refuses, and no token at all: one clear sentence and
			// exit
			// status 3, not a reconnect loop.
			tmux.type(expired,
					client("--token " + Tokens.hmac("late", Duration.ofMinutes(-5), Map.of()) + " 127.0.0.1 " + port));
			tmux.type(none, client("127.0.0.1 " + port));
			tmux.awaitText(expired, "exit=3", WAIT);
			tmux.awaitText(none, "exit=3", WAIT);
			assertThat(tmux.screen(expired))
				.contains("switchboard client: the server refused the token (invalid token: ")
				.doesNotContain("reconnecting");
			assertThat(tmux.screen(none))
				.contains("switchboard client: this server signs clients in with a token; run again with --token TOKEN")
				.doesNotContain("reconnecting");

			tmux.type(alice, "quit");
			tmux.awaitText(alice, "exit=0", WAIT);
		}
	}

	private static int count(String screen, String text) {
		return screen.split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

	private static String client(String arguments) {
		String java = ProcessHandle.current().info().command().orElse("java");
		return java + " -jar " + System.getProperty("switchboard.jar") + " client " + arguments + "; echo exit=$?";
	}

	private static ConfigurableApplicationContext startServer(int port, String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.tcp.port=" + port, "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.udp.port=" + port, "--switchboard.echo.enabled=false"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(SwitchboardApplication.class).run(args.toArray(String[]::new));
	}

	private static int freePort() throws IOException {
		// free for both TCP and UDP
		while (true) {
			try (ServerSocket tcp = new ServerSocket(0); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
				return tcp.getLocalPort();
			}
			catch (IOException ex) {
				// taken for UDP: try another
			}
		}
	}

}
