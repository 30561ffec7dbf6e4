package io.switchboard.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code switchboard.auth.mode=token} the web chat page takes its token from the
 * URL's fragment (never sent to a server) and presents it at the WebSocket handshake, or
 * from its token field, which it shows when the server asks for a token; it never waits
 * out the server's sign-in timeout in a loop, and says which room a token refuses. The
 * sign-in timeout is 2 s here, so a loop would show within the test.
 */
@SwitchboardTest({ "--switchboard.auth.mode=token", "--switchboard.auth.timeout=2s",
		"--switchboard.auth.jwt.secret=" + WebChatTokenBrowserTests.SECRET })
class WebChatTokenBrowserTests {

	static final String SECRET = "browser-test-hmac-secret-of-at-least-256-bits";

	@Autowired
	ChatServer server;

	@BeforeAll
	static void needsChromium() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void thePageConnectsWithTheTokenInItsFragmentAndChatsUnderTheTokensNick() throws Exception {
		String nick = "tok" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
		ChatPage page = new ChatPage();
		try (LineClient other = LineClient.connected(this.server.tcpPort())) {
			other.readLine();
			other.send("/auth " + token("tcp-user", null, null));
			other.readUntil((line) -> line.equals("* you are now in room lobby"));
			page.open(this.server.httpPort(), "#access_token=" + token("web-user", nick, null));
			assertThat(page.driver.getCurrentUrl()).as("the token leaves the address bar")
				.doesNotContain("access_token");
			page.say("hello with a token");
			assertThat(other.readUntil((line) -> line.endsWith(" hello with a token"))).contains("] " + nick + " ");
		}
		finally {
			page.quit();
		}
	}

	@Test
	void withoutATokenThePageAsksForOneWithoutATimeoutLoopAndSignsInWithWhatIsPastedIntoItsField() throws Exception {
		String nick = "fld" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
		ChatPage page = new ChatPage();
		try (LineClient other = LineClient.connected(this.server.tcpPort())) {
			other.send("/auth " + token("tcp-user-2", null, null));
			other.readUntil((line) -> line.equals("* you are now in room lobby"));
			countSockets(page);
			page.viewport(Viewport.PHONE);
			page.driver.get("http://127.0.0.1:" + this.server.httpPort() + "/");
			WebElement field = page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
			assertThat(page.inViewport(field)).as("the token field on a phone's screen").isTrue();
			page.waitFor("#messages li.info", "this server needs a token: paste it above");
			// The server's 2 s sign-in timeout passes: the page waits for the token, and
			// does not reconnect to be asked and timed out again.
			page.wait.until((driver) -> page.status().equals("token needed"));
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> sockets(page) == 1 && page.status().equals("token needed"));
			assertThat(page.driver.findElements(By.cssSelector("#messages li.info"))
				.stream()
				.filter((line) -> line.getText().equals("this server needs a token: paste it above"))).hasSize(1);

			field.sendKeys("not-a-token");
			page.driver.findElement(By.cssSelector("#token-form button")).click();
			page.waitFor("#messages li.error", "invalid token: malformed token");
			page.wait.until((driver) -> page.status().equals("token needed"));
			assertThat(sockets(page)).as("a connection for the token, none after its refusal").isEqualTo(2);
			page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
				.sendKeys(token("web-user-2", nick, null));
			page.driver.findElement(By.cssSelector("#token-form button")).click();
			page.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-input")));
			page.wait.until((driver) -> page.status().equals("connected"));
			page.waitFor("#messages li.info", "you are now " + nick);
			page.say("signed in by hand");
			assertThat(other.readUntil((line) -> line.endsWith(" signed in by hand"))).contains("] " + nick + " ");
			assertThat(page.driver.findElements(By.cssSelector("#messages li.error")))
				.as("no 'authenticate first' noise from the page's own requests")
				.allSatisfy((error) -> assertThat(error.getText()).doesNotContain("authenticate first"));
		}
		finally {
			page.quit();
		}
	}

	@Test
	void aRoomTheTokenDoesNotAllowIsNamedAndThePageLandsInOneItDoes() throws Exception {
		String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
		String secret = "secret-" + tag;
		ChatPage page = new ChatPage();
		try {
			page.open(this.server.httpPort(),
					"#access_token=" + token("team-user", "team" + tag, List.of("lobby", "team-*")));
			page.wait.until(ExpectedConditions.textToBe(By.id("room-name"), "lobby"));
			// The tab was in a room this token does not allow (another token's, say).
			page.driver.executeScript("sessionStorage.setItem('switchboard.rooms', JSON.stringify([arguments[0]]));"
					+ "sessionStorage.setItem('switchboard.room', arguments[0]);", secret);
			page.driver.navigate().refresh();
			page.waitFor("#messages li.error", "your token does not allow room " + secret + "; you are in lobby");
			page.wait.until(ExpectedConditions.textToBe(By.id("room-name"), "lobby"));
			assertThat(page.driver.findElements(By.cssSelector("#rooms li.joined[data-room='" + secret + "']")))
				.isEmpty();

			page.join("team-" + tag);
			page.side();
			page.driver.findElement(By.id("join-input")).sendKeys("other-" + tag);
			page.driver.findElement(By.cssSelector("#join-form button")).click();
			page.waitFor("#messages li.error", "you may not join room other-" + tag);
			assertThat(page.driver.findElement(By.id("room-name")).getText()).isEqualTo("team-" + tag);
			assertThat(page.driver.findElements(By.cssSelector("#rooms li.joined[data-room='other-" + tag + "']")))
				.isEmpty();
		}
		finally {
			page.quit();
		}
	}

	/**
	 * Count the page's WebSocket connections: a script run before the page's own wraps
	 * the constructor.
	 */
	private static void countSockets(ChatPage page) {
		page.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				const Native = window.WebSocket;
				window.socketsOpened = 0;
				window.WebSocket = function (url, protocols) {
				  window.socketsOpened++;
				  return new Native(url, protocols);
				};
				window.WebSocket.OPEN = Native.OPEN;
				"""));
	}

	private static long sockets(ChatPage page) {
		return ((Number) page.driver.executeScript("return window.socketsOpened")).longValue();
	}

	/** An HS256 JWT, minted as an identity provider would (no library needed). */
	private static String token(String subject, @Nullable String nick, @Nullable List<String> rooms) throws Exception {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
		String body = b64
			.encodeToString(("{\"sub\":\"" + subject + "\"," + ((nick != null) ? "\"nick\":\"" + nick + "\"," : "")
					+ ((rooms != null) ? "\"rooms\":[\"" + String.join("\",\"", rooms) + "\"]," : "") + "\"exp\":"
					+ Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond() + "}")
				.getBytes());
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
		return head + "." + body + "." + b64.encodeToString(mac.doFinal((head + "." + body).getBytes()));
	}

}
