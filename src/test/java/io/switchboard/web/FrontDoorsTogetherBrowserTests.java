package io.switchboard.web;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.UdpProbe;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import io.switchboard.transport.StreamListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of client at once, in real browsers: two chat pages in Debian's headless
 * Chromium, a TCP client and a UDP member chat in two rooms; the server is stopped and a
 * new one started on the same HTTP, TCP and UDP ports, and everyone is back; the
 * operations page lists the four and disconnects one browser. The server is this class's
 * own (started by hand, not the shared test context), since the test closes it.
 * Screenshots: {@code target/screenshots/front-doors-*.png}.
 */
class FrontDoorsTogetherBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String XSS = "<img src=x onerror=alert(1)>";

	/** Browsers and clients, closed after the test in the reverse order of opening. */
	private final Deque<AutoCloseable> opened = new ArrayDeque<>();

	private @Nullable ConfigurableApplicationContext server;

	@BeforeAll
	static void needsChromium() {
		HeadlessChromium.assumeInstalled();
	}

	@AfterEach
	void closeEverything() throws Exception {
		Exception failure = null;
		while (!this.opened.isEmpty()) {
			try {
				this.opened.pop().close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (this.server != null) {
			this.server.close();
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Test
	void twoBrowsersTcpAndUdpChatInTwoRoomsAreBackAfterARestartOnTheSamePortsAndAnOperatorDisconnectClosesABrowser()
			throws Exception {
		int httpPort = freeTcpPort();
		int chatPort = freeTcpAndUdpPort(httpPort);
		this.server = start(httpPort, chatPort);
		// The server is this test's own: no other test's names to avoid.
		String first = "first-room";
		String second = "second-room";
		String alice = "alice";
		String bob = "bob";
		String carolsNick = "carol";
		String davesNick = "dave";

		// Four clients, three protocols, all in the first room.
		ChatPage alicesPage = page().open(httpPort).nick(alice).join(first);
		ChatPage bobsPage = page().open(httpPort).nick(bob).join(first);
		LineClient carol = tcpClient(chatPort, carolsNick, first);
		UdpProbe dave = open(new UdpProbe(chatPort));
		udpMember(dave, davesNick, first);

		everyoneHearsEveryone(alicesPage, bobsPage, carol, dave, (who) -> "hello from " + who);

		alicesPage.wait.until((driver) -> who(driver).containsAll(List.of(alice, bob, carolsNick, davesNick)));

		// The XSS string from a door that is not a browser shows as those characters.
		carol.send(XSS);
		for (ChatPage page : new ChatPage[] { alicesPage, bobsPage }) {
			assertThat(page.sees(carolsNick, XSS).getText()).isEqualTo(XSS);
			assertThat(page.driver.findElements(By.tagName("img"))).isEmpty();
		}
		dave.receiveUntil((line) -> line.endsWith(" " + carolsNick + " " + XSS));

		// The second room: alice types its name, bob clicks it in the room list.
		alicesPage.join(second);
		bobsPage.side().room(second, 1).click();
		bobsPage.wait.until(ExpectedConditions.textToBe(By.id("room-name"), second));
		command(carol, "/join " + second, "* you are now in room " + second);
		dave.send("/join " + second);
		dave.receiveUntil((line) -> line.equals("* you are now in room " + second));
		dave.send("dave in the second room");
		alicesPage.sees(davesNick, "dave in the second room");
		bobsPage.sees(davesNick, "dave in the second room");
		carol.readUntil((line) -> line.endsWith(" " + davesNick + " dave in the second room"));
		alicesPage.say("alice in the second room");
		bobsPage.sees(alice, "alice in the second room");
		carol.readUntil((line) -> line.endsWith(" " + alice + " alice in the second room"));
		dave.receiveUntil((line) -> line.endsWith(" " + alice + " alice in the second room"));

		// Stop the server: everyone is told; the pages start reconnecting.
		this.server.close();
		carol.readUntil((line) -> line.equals("* server shutting down"));
		assertThat(carol.readToEnd()).isEmpty();
		dave.receiveUntil((line) -> line.equals("* server shutting down"));
		for (ChatPage page : new ChatPage[] { alicesPage, bobsPage }) {
			page.waitFor("#messages li.info", "server shutting down");
			page.wait.until((driver) -> page.status().startsWith("reconnecting in "));
		}

		// A new server on the same ports: the pages come back by themselves, with their
		// nicks and room.
		this.server = start(httpPort, chatPort);
		assertThat(((WebServerApplicationContext) this.server).getWebServer().getPort()).isEqualTo(httpPort);
		ClientRegistry registry = this.server.getBean(ClientRegistry.class);
		for (ChatPage page : new ChatPage[] { alicesPage, bobsPage }) {
			new WebDriverWait(page.driver, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "connected"));
		}
		await().atMost(WAIT)
			.until(() -> session(registry, alice) != null && session(registry, alice).membership().contains(second)
					&& session(registry, bob) != null && session(registry, bob).membership().contains(second));
		carol = tcpClient(chatPort, carolsNick, second);
		udpMember(dave, davesNick, second);

		everyoneHearsEveryone(alicesPage, bobsPage, carol, dave, (who) -> who + " is back");
		alicesPage.screenshot("front-doors-alice.png");
		bobsPage.screenshot("front-doors-bob.png");

		// The operations page lists the four, each with its door and room.
		HeadlessChromium operator = new HeadlessChromium();
		this.opened.push(operator::quit);
		operator.driver
			.get("http://" + ChatServer.ADMIN + ":" + ChatServer.PASSWORD + "@127.0.0.1:" + httpPort + "/admin/");
		operator.wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
		operator.wait.until(ExpectedConditions.textToBe(By.id("client-count"), "4"));
		assertRow(operator, alice, "websocket", null, second);
		assertRow(operator, bob, "websocket", null, second);
		assertRow(operator, carolsNick, "tcp", carol.address(), second);
		assertRow(operator, davesNick, "udp", dave.address(), second);
		operator.screenshot("front-doors-admin.png");

		// Disconnect bob from it: his page's socket closes and stays closed, and the
		// others see him leave.
		int leftBefore = alicesPage.driver.findElements(By.cssSelector("#messages li.info"))
			.stream()
			.filter((line) -> line.getText().equals(bob + " left"))
			.toList()
			.size();
		row(operator.driver, bob).findElement(By.cssSelector("button.disconnect")).click();
		bobsPage.waitFor("#messages li.info", "disconnected by operator");
		bobsPage.wait.until(ExpectedConditions.textToBe(By.id("status"), "disconnected"));
		carol.readUntil((line) -> line.equals("* " + bob + " left"));
		dave.receiveUntil((line) -> line.equals("* " + bob + " left"));
		alicesPage.wait.until((driver) -> driver.findElements(By.cssSelector("#messages li.info"))
			.stream()
			.filter((line) -> line.getText().equals(bob + " left"))
			.count() == leftBefore + 1);
		alicesPage.wait.until((driver) -> who(driver).equals(List.of(alice, carolsNick, davesNick)));
		operator.wait.until(ExpectedConditions.textToBe(By.id("client-count"), "3"));
		operator.wait.until((driver) -> row(driver, bob) == null);
		// Longer than the page's first reconnect delay (1 s): it does not come back.
		await().during(Duration.ofSeconds(2))
			.atMost(WAIT)
			.until(() -> registry.count() == 3 && session(registry, bob) == null
					&& bobsPage.status().equals("disconnected"));
		bobsPage.screenshot("front-doors-bob-disconnected.png");
	}

	private ChatPage page() throws IOException {
		ChatPage page = new ChatPage();
		this.opened.push(page::quit);
		return page;
	}

	private <T extends AutoCloseable> T open(T closeable) {
		this.opened.push(closeable);
		return closeable;
	}

	private LineClient tcpClient(int port, String nick, String room) {
		LineClient client = open(LineClient.connected(port));
		command(client, "/nick " + nick, "* you are now " + nick);
		command(client, "/join " + room, "* you are now in room " + room);
		return client;
	}

	/**
	 * Send a command and read up to its reply, past chat and presence lines.
	 */
	private static void command(LineClient client, String command, String reply) {
		client.send(command);
		assertThat(client.readUntil((line) -> line.equals(reply) || line.startsWith("ERR "))).isEqualTo(reply);
	}

	private static void udpMember(UdpProbe probe, String nick, String room) {
		assertThat(probe.join()).startsWith("* welcome to switchboard, you are ");
		probe.send("/nick " + nick);
		probe.receiveUntil((line) -> line.equals("* you are now " + nick));
		probe.send("/join " + room);
		probe.receiveUntil((line) -> line.equals("* you are now in room " + room));
	}

	private static void assertRow(HeadlessChromium operator, String nick, String protocol, @Nullable String address,
			String room) {
		WebElement row = operator.wait.until((driver) -> row(driver, nick));
		assertThat(row.findElement(By.className("protocol")).getText()).isEqualTo(protocol);
		String shown = row.findElement(By.className("address")).getText();
		if (address != null) {
			assertThat(shown).isEqualTo(address);
		}
		else {
			assertThat(shown).startsWith("127.0.0.1:");
		}
		assertThat(row.findElement(By.className("room")).getText()).isEqualTo(room);
	}

	private static @Nullable WebElement row(WebDriver driver, String nick) {
		for (WebElement row : driver.findElements(By.cssSelector("#clients tbody tr"))) {
			if (row.findElement(By.className("nick")).getText().equals(nick)) {
				return row;
			}
		}
		return null;
	}

	/**
	 * Who is in the page's room, as its side panel lists them.
	 */
	private static List<String> who(WebDriver driver) {
		return driver.findElements(By.cssSelector("#who li .name")).stream().map(WebElement::getText).sorted().toList();
	}

	private static @Nullable ClientSession session(ClientRegistry registry, String nick) {
		return registry.all()
			.stream()
			.filter((session) -> "websocket".equals(session.protocol().tag()) && nick.equals(session.nick()))
			.findFirst()
			.orElse(null);
	}

	private static ConfigurableApplicationContext start(int httpPort, int chatPort) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=" + httpPort, "--server.address=127.0.0.1", "--switchboard.tcp.host=127.0.0.1",
				"--switchboard.tcp.port=" + chatPort, "--switchboard.irc.port=0", "--switchboard.irc.host=127.0.0.1",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.udp.port=" + chatPort,
				"--switchboard.echo.enabled=false", "--switchboard.admin.username=" + ChatServer.ADMIN,
				"--switchboard.admin.password=" + ChatServer.PASSWORD, "--switchboard.client.rate=0",
				"--switchboard.client.byte-rate=0", "--switchboard.accept-rate-per-ip=0",
				"--switchboard.udp.join-rate-per-ip=0",
				// so the others see a client leave
				"--switchboard.announce-presence=true");
		// The chat's TCP port listening (ChatServer waits for it).
		new ChatServer(context.getBean("tcpChatServer", StreamListener.class),
				context.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) context)
			.tcpPort();
		return context;
	}

	/**
	 * Each of the four says a line ({@code text} of its name) and the three others see
	 * it; the nicks are the names.
	 */
	private static void everyoneHearsEveryone(ChatPage alicesPage, ChatPage bobsPage, LineClient carol, UdpProbe dave,
			Function<String, String> text) {
		alicesPage.say(text.apply("alice"));
		bobsPage.sees("alice", text.apply("alice"));
		carol.readUntil((line) -> line.endsWith(" alice " + text.apply("alice")));
		dave.receiveUntil((line) -> line.endsWith(" alice " + text.apply("alice")));
		bobsPage.say(text.apply("bob"));
		alicesPage.sees("bob", text.apply("bob"));
		carol.readUntil((line) -> line.endsWith(" bob " + text.apply("bob")));
		dave.receiveUntil((line) -> line.endsWith(" bob " + text.apply("bob")));
		carol.send(text.apply("carol"));
		alicesPage.sees("carol", text.apply("carol"));
		bobsPage.sees("carol", text.apply("carol"));
		dave.receiveUntil((line) -> line.endsWith(" carol " + text.apply("carol")));
		dave.send(text.apply("dave"));
		alicesPage.sees("dave", text.apply("dave"));
		bobsPage.sees("dave", text.apply("dave"));
		carol.readUntil((line) -> line.endsWith(" dave " + text.apply("dave")));
	}

	private static int freeTcpPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static int freeTcpAndUdpPort(int not) throws IOException {
		while (true) {
			try (ServerSocket tcp = new ServerSocket(0); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
				if (tcp.getLocalPort() != not) {
					return tcp.getLocalPort();
				}
			}
			catch (IOException ex) {
				// taken for UDP: try another
			}
		}
	}

}
