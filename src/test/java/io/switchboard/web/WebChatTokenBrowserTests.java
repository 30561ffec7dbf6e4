package io.switchboard.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code switchboard.auth.mode=token} the web chat page takes its token from the
 * URL's fragment (never sent to a server) and presents it at the WebSocket handshake, or
 * from its token field, which it shows when the server asks for a token.
 */
@SwitchboardTest({ "--switchboard.auth.mode=token",
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
			other.send("/auth " + token("tcp-user", null));
			other.readUntil((line) -> line.equals("* you are now in room lobby"));
			page.open(this.server.httpPort(), "#access_token=" + token("web-user", nick));
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
	void withoutATokenThePageAsksForOneAndSignsInWithWhatIsPastedIntoItsField() throws Exception {
		String nick = "fld" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
		ChatPage page = new ChatPage();
		try (LineClient other = LineClient.connected(this.server.tcpPort())) {
			other.send("/auth " + token("tcp-user-2", null));
			other.readUntil((line) -> line.equals("* you are now in room lobby"));
			page.open(this.server.httpPort());
			WebElement field = page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
			page.waitFor("#messages li.info", "this server needs a token: paste it above");
			field.sendKeys("not-a-token");
			page.driver.findElement(By.cssSelector("#token-form button")).click();
			page.waitFor("#messages li.error", "invalid token: malformed token");
			page.wait.until(ExpectedConditions.textToBe(By.id("status"), "connected"));
			page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
				.sendKeys(token("web-user-2", nick));
			page.driver.findElement(By.cssSelector("#token-form button")).click();
			page.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-input")));
			page.waitFor("#messages li.info", "you are now " + nick);
			page.say("signed in by hand");
			assertThat(other.readUntil((line) -> line.endsWith(" signed in by hand"))).contains("] " + nick + " ");
			assertThat(page.driver.findElements(By.cssSelector("#messages li.error")))
				.as("no 'authenticate first' noise from the page's own refreshes")
				.allSatisfy((error) -> assertThat(error.getText()).doesNotContain("authenticate first"));
		}
		finally {
			page.quit();
		}
	}

	/** An HS256 JWT, minted as an identity provider would (no library needed). */
	private static String token(String subject, String nick) throws Exception {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
		String body = b64
			.encodeToString(("{\"sub\":\"" + subject + "\"," + ((nick != null) ? "\"nick\":\"" + nick + "\"," : "")
					+ "\"exp\":" + Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond() + "}")
				.getBytes());
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
		return head + "." + body + "." + b64.encodeToString(mac.doFinal((head + "." + body).getBytes()));
	}

}
