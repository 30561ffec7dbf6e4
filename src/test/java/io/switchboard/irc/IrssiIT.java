package io.switchboard.irc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.WebSocketProbe;
import io.switchboard.core.ClientRegistry;
import io.switchboard.terminal.Tmux;
import io.switchboard.transport.StreamListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * irssi (the Debian package), typed into in a real terminal (tmux), in {@code #lobby}
 * with an {@code nc}-style client and a browser's WebSocket client: it sees the topic,
 * the names and every line, sets the topic, gets and sends private messages, and quits
 * cleanly. Skipped when irssi or tmux is missing, unless
 * {@code -Dswitchboard.irssi.required=true} (as in CI) makes that a failure.
 */
class IrssiIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private @Nullable ConfigurableApplicationContext server;

	private @Nullable Path home;

	@AfterEach
	void cleanUp() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
		if (this.home != null) {
			FileSystemUtils.deleteRecursively(this.home);
		}
	}

	@Test
	void irssiInLobbySeesTopicNamesAndLinesOfNcAndABrowserSetsTheTopicMessagesPrivatelyAndQuitsCleanly()
			throws Exception {
		requireTools();
		this.server = start();
		int ircPort = listening(this.server, "ircChatServer");
		int tcpPort = listening(this.server, "tcpChatServer");
		int httpPort = ((WebServerApplicationContext) this.server).getWebServer().getPort();
		ClientRegistry registry = this.server.getBean(ClientRegistry.class);
		this.home = Files.createTempDirectory("switchboard-irssi-");
		// No first-run guesses: nick, user and real name given, nothing logged.
		Files.writeString(this.home.resolve("config"), """
				settings = {
				  core = { real_name = "irssi in a test"; user_name = "irssi"; nick = "irssian"; };
				  "fe-common/core" = { autolog = "no"; };
				};
				""");

		// Nicks are set before joining #lobby: IRC clients are not yet told of nick
		// changes
		// by other doors' clients (docs/protocol.md, IRC, "Not yet"), so all start in
		// another room.
		try (LineClient nc = LineClient.connected(tcpPort);
				WebSocketProbe browser = WebSocketProbe.connected(httpPort, "switchboard.json");
				Tmux tmux = new Tmux("switchboard-irssi-" + UUID.randomUUID().toString().substring(0, 8))) {
			command(nc, "/nick ncer", "* you are now ncer");
			command(nc, "/join lobby", "* you are now in room lobby");
			nc.send("/topic release planning");
			nc.readUntil((line) -> line.equals("* ncer set the topic of lobby: release planning"));

			String irssi = tmux.firstPane();
			tmux.type(irssi, "irssi --home=" + this.home + " -c 127.0.0.1 -p " + ircPort + "; echo exit=$?");
			tmux.awaitText(irssi, "Welcome to the Switchboard", WAIT);
			tmux.type(irssi, "/join #lobby");
			tmux.awaitText(irssi, "irssian [~irssi@switchboard] has joined #lobby", WAIT);
			tmux.awaitText(irssi, "Topic for #lobby: release planning", WAIT);
			tmux.awaitText(irssi, "Total of 2 nicks", WAIT);
			nc.readUntil((line) -> line.equals("* irssian joined"));

			browser.send("{\"line\":\"/nick webber\"}");
			browser.nextMatching((frame) -> frame.contains("\"you are now webber\""));
			browser.send("{\"line\":\"/join lobby\"}");
			tmux.awaitText(irssi, "webber [~webber@switchboard] has joined #lobby", WAIT);

			// Lines every way.
			tmux.type(irssi, "hello from irssi");
			assertThat(nc.readUntil((line) -> line.contains("hello from irssi")))
				.endsWith("] irssian hello from irssi");
			String chat = browser.nextMatching((frame) -> frame.contains("hello from irssi"));
			assertThat(JsonPath.<String>read(chat, "$.type")).isEqualTo("chat");
			assertThat(JsonPath.<String>read(chat, "$.from")).isEqualTo("irssian");
			nc.send("hello from nc");
			tmux.awaitText(irssi, "ncer> hello from nc", WAIT);
			browser.send("{\"room\":\"lobby\",\"line\":\"hello from the browser\"}");
			tmux.awaitText(irssi, "webber> hello from the browser", WAIT);

			// /names: all three; /topic: set here, seen there, and read back.
			tmux.type(irssi, "/names");
			tmux.awaitText(irssi, "Total of 3 nicks", WAIT);
			assertThat(tmux.screen(irssi)).containsPattern("\\[.?irssian\\s*\\]")
				.containsPattern("\\[.?ncer\\s*\\]")
				.containsPattern("\\[.?webber\\s*\\]");
			tmux.type(irssi, "/topic set from irssi");
			nc.readUntil((line) -> line.equals("* irssian set the topic of lobby: set from irssi"));
			String topic = browser.nextMatching((frame) -> frame.contains("\"topic\""));
			assertThat(JsonPath.<String>read(topic, "$.text")).isEqualTo("set from irssi");
			assertThat(JsonPath.<String>read(topic, "$.by")).isEqualTo("irssian");
			tmux.awaitText(irssi, "irssian changed the topic of #lobby to: set from irssi", WAIT);
			tmux.type(irssi, "/topic");
			tmux.awaitText(irssi, "Topic set by irssian", WAIT);

			// Private messages: from nc into a query window irssi opens, and back; to the
			// browser.
			nc.send("/msg irssian psst from nc");
			// irssi opens the query window when the message arrives; a goto typed before
			// that finds no window, so it is typed until the window shows the message.
			await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
				tmux.type(irssi, "/window goto ncer");
				return tmux.screen(irssi).contains("<ncer> psst from nc");
			});
			tmux.type(irssi, "psst back");
			assertThat(nc.readUntil((line) -> line.contains("psst back"))).endsWith("] irssian -> ncer: psst back");
			tmux.type(irssi, "/msg webber for the browser");
			String message = browser.nextMatching((frame) -> frame.contains("for the browser"));
			assertThat(JsonPath.<String>read(message, "$.type")).isEqualTo("private");
			assertThat(JsonPath.<String>read(message, "$.from")).isEqualTo("irssian");

			// /quit: irssi exits by itself, the others see it leave, and the server lists
			// no IRC client any more.
			tmux.type(irssi, "/quit see you");
			tmux.awaitText(irssi, "exit=0", WAIT);
			nc.readUntil((line) -> line.equals("* irssian left"));
			browser.nextMatching((frame) -> frame.contains("\"irssian left\""));
			await().atMost(WAIT)
				.until(() -> registry.all().stream().noneMatch((client) -> "irc".equals(client.protocol().tag())));
		}
	}

	/**
	 * Send a command and read up to its reply, past presence lines.
	 */
	private static void command(LineClient client, String command, String reply) {
		client.send(command);
		assertThat(client.readUntil((line) -> line.equals(reply) || line.startsWith("ERR "))).isEqualTo(reply);
	}

	/**
	 * Skip without irssi or tmux, or fail when they are required (as in CI).
	 */
	private static void requireTools() {
		boolean irssi = runs("irssi", "--version");
		boolean tmux = Tmux.available();
		if (irssi && tmux) {
			return;
		}
		String reason = "needs irssi and tmux on the PATH (apt-get install irssi tmux; .ci/run installs them)";
		if (Boolean.getBoolean("switchboard.irssi.required")) {
			throw new IllegalStateException(reason);
		}
		Assumptions.abort(reason);
	}

	private static boolean runs(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().transferTo(OutputStream.nullOutputStream());
			return process.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.tcp.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.irc.port=0", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.udp.port=0", "--switchboard.echo.enabled=false",
				// so the others see irssi leave
				"--switchboard.announce-presence=true",
				// everyone sets a nick before joining #lobby (see the test)
				"--switchboard.default-room=hall");
	}

	private static int listening(ConfigurableApplicationContext context, String door) {
		StreamListener factory = context.getBean(door, StreamListener.class);
		await().atMost(WAIT).until(factory::isListening);
		return factory.getPort();
	}

}
