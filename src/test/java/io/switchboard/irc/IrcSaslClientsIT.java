package io.switchboard.irc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.auth.Tokens;
import io.switchboard.core.ClientRegistry;
import io.switchboard.terminal.Tmux;
import io.switchboard.transport.StreamListener;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * irssi and WeeChat (Debian's {@code irssi} and {@code weechat-headless}), run in a real
 * terminal (tmux), sign in to a server in token mode through SASL PLAIN with the token as
 * the password, as their users would configure them: the token's nick is theirs, they
 * join {@code #lobby} and chat with a line client there. Neither client has OAUTHBEARER
 * (IrcSaslTests covers it on a socket). Skipped without irssi, WeeChat or tmux, unless
 * {@code -Dswitchboard.irssi.required=true} (as in CI) makes that a failure.
 */
class IrcSaslClientsIT {

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
	void irssiSignsInWithSaslPlainAndItsTokenAndChats() throws Exception {
		requireTools("irssi", "--version");
		this.server = start();
		String nick = "irssi" + UUID.randomUUID().toString().substring(0, 4);
		String token = Tokens.hmac("user-" + nick, Duration.ofMinutes(10), Map.of("nick", nick));
		this.home = Files.createTempDirectory("switchboard-irssi-sasl-");
		// The network as a user sets it up for SASL: the token is the SASL password.
		Files.writeString(this.home.resolve("config"), """
				settings = {
				  core = { real_name = "irssi with sasl"; user_name = "irssi"; nick = "notmynick"; };
				  "fe-common/core" = { autolog = "no"; };
				};
				chatnets = {
				  sb = { type = "IRC"; sasl_mechanism = "PLAIN"; sasl_username = "someone"; sasl_password = "%s"; };
				};
				servers = (
				  { address = "127.0.0.1"; chatnet = "sb"; port = "%d"; use_tls = "no"; autoconnect = "no"; }
				);
				""".formatted(token, port("ircChatServer")));
		try (LineClient nc = lobby(); Tmux tmux = new Tmux("switchboard-irssi-sasl-" + unique())) {
			String irssi = tmux.firstPane();
			tmux.type(irssi, "irssi --home=" + this.home + "; echo exit=$?");
			tmux.type(irssi, "/connect sb");
			tmux.awaitText(irssi, "Welcome to the Switchboard", WAIT);
			tmux.type(irssi, "/join #lobby");
			nc.readUntil((line) -> line.equals("* " + nick + " joined"));
			tmux.type(irssi, "signed in with sasl");
			assertThat(nc.readUntil((line) -> line.contains("signed in with sasl")))
				.endsWith("] " + nick + " signed in with sasl");
			nc.send("welcome, " + nick);
			tmux.awaitText(irssi, "welcome, " + nick, WAIT);
			tmux.type(irssi, "/quit");
			tmux.awaitText(irssi, "exit=0", WAIT);
		}
	}

	@Test
	void weechatSignsInWithSaslPlainAndItsTokenAndChats() throws Exception {
		requireTools("weechat-headless", "--version");
		ConfigurableApplicationContext app = start();
		this.server = app;
		String nick = "weechat" + UUID.randomUUID().toString().substring(0, 4);
		String token = Tokens.hmac("user-" + nick, Duration.ofMinutes(10), Map.of("nick", nick));
		this.home = Files.createTempDirectory("switchboard-weechat-sasl-");
		// WeeChat's own commands, as a user types them; the last line's commands run in
		// the order given.
		String setup = String.join(";", "/server add sb 127.0.0.1/" + port("ircChatServer") + " -notls",
				"/set irc.server.sb.nicks notmynick", "/set irc.server.sb.sasl_mechanism plain",
				"/set irc.server.sb.sasl_username someone", "/set irc.server.sb.sasl_password " + token,
				"/set irc.server.sb.autojoin #lobby", "/connect sb");
		try (LineClient nc = lobby(); Tmux tmux = new Tmux("switchboard-weechat-sasl-" + unique())) {
			String weechat = tmux.firstPane();
			tmux.type(weechat, "weechat-headless --stdout --dir " + this.home + " -r '" + setup + "'; echo exit=$?");
			// WeeChat takes a while to start on a loaded machine: waited for as long as
			// it takes, then its join is read.
			ClientRegistry registry = app.getBean(ClientRegistry.class);
			try {
				await().atMost(WAIT)
					.until(() -> registry.all()
						.stream()
						.anyMatch((client) -> nick.equals(client.nick()) && client.membership().contains("lobby")));
			}
			catch (ConditionTimeoutException ex) {
				throw new AssertionError("WeeChat did not join; its pane shows:\n" + tmux.screen(weechat), ex);
			}
			nc.readUntil((line) -> line.equals("* " + nick + " joined"));
			// A headless WeeChat takes commands through its FIFO.
			Path fifo = await().atMost(WAIT).until(() -> fifo(this.home), (found) -> found != null);
			Files.writeString(fifo, "irc.sb.#lobby *signed in with sasl\n", StandardCharsets.UTF_8);
			assertThat(nc.readUntil((line) -> line.contains("signed in with sasl")))
				.endsWith("] " + nick + " signed in with sasl");
			Files.writeString(fifo, "*/quit\n", StandardCharsets.UTF_8);
			nc.readUntil((line) -> line.equals("* " + nick + " left"));
			tmux.awaitText(weechat, "exit=0", WAIT);
		}
	}

	private LineClient lobby() {
		LineClient nc = LineClient.connected(port("tcpChatServer"));
		nc.send("/auth " + Tokens.hmac("user-ncer", Duration.ofMinutes(10),
				Map.of("nick", "ncer" + unique(), "rooms", List.of("*"))));
		nc.readUntil((line) -> line.startsWith("* you are "));
		nc.send("/join lobby");
		nc.readUntil((line) -> line.startsWith("* you are now in room lobby"));
		return nc;
	}

	private static @Nullable Path fifo(@Nullable Path home) throws IOException {
		if (home == null) {
			return null;
		}
		try (Stream<Path> files = Files.walk(home)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("weechat_fifo"))
				.findFirst()
				.orElse(null);
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private int port(String listener) {
		ConfigurableApplicationContext context = this.server;
		assertThat(context).isNotNull();
		StreamListener factory = context.getBean(listener, StreamListener.class);
		await().atMost(WAIT).until(factory::isListening);
		return factory.getPort();
	}

	/**
	 * Skip without the client or tmux, or fail when they are required (as in CI).
	 */
	private static void requireTools(String... client) {
		if (runs(client) && Tmux.available()) {
			return;
		}
		String reason = "needs " + client[0] + " and tmux on the PATH (apt-get install irssi weechat-headless tmux)";
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
				"--switchboard.udp.port=0", "--switchboard.echo.enabled=false", "--switchboard.auth.mode=token",
				"--switchboard.auth.jwt.secret=" + Tokens.SECRET, "--switchboard.announce-presence=true",
				"--switchboard.default-room=hall", "--logging.level.root=WARN");
	}

}
