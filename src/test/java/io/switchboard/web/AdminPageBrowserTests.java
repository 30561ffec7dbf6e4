package io.switchboard.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operations page in Debian's headless Chromium, logged in with credentials in the
 * URL: it lists a TCP client (with its address) and a chat-page browser, shows their room
 * with its topic and history size, disconnects the TCP client, and sends an operator
 * message to the browser's room. Its screenshot, {@code target/screenshots/admin.png}, is
 * copied by hand to {@code docs/admin-page.png} (as {@code docs/web-chat.png} is), so
 * test runs leave the work tree clean.
 */
@SwitchboardTest
class AdminPageBrowserTests {

	@Autowired
	ChatServer server;

	@BeforeAll
	static void needsChromium() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void theOperatorSeesDisconnectsAndMessagesClients() throws Exception {
		String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
		String room = "ops-" + tag;
		List<HeadlessChromium> browsers = new ArrayList<>();
		try (LineClient carol = LineClient.connected(this.server.tcpPort())) {
			assertThat(carol.command("/nick carol" + tag)).isEqualTo("* you are now carol" + tag);
			assertThat(carol.command("/join " + room)).isEqualTo("* you are now in room " + room);
			// markup in a topic is text: the page must show it as typed
			String topic = "deploy <b>" + tag + "</b> & <img src=x onerror=alert(1)>";
			carol.command("/topic " + topic);
			HeadlessChromium alice = new HeadlessChromium();
			browsers.add(alice);
			alice.driver.get("http://127.0.0.1:" + this.server.httpPort() + "/");
			alice.wait.until(ExpectedConditions.textToBe(By.id("status"), "connected"));
			WebElement nick = alice.driver.findElement(By.id("nick-input"));
			nick.clear();
			nick.sendKeys("alice" + tag);
			alice.driver.findElement(By.cssSelector("#nick-form button")).click();
			alice.driver.findElement(By.id("join-input")).sendKeys(room);
			alice.driver.findElement(By.cssSelector("#join-form button")).click();
			alice.wait.until(ExpectedConditions.textToBe(By.id("room-name"), room));

			HeadlessChromium operator = new HeadlessChromium();
			browsers.add(operator);
			operator.driver.get("http://" + ChatServer.ADMIN + ":" + ChatServer.PASSWORD + "@127.0.0.1:"
					+ this.server.httpPort() + "/admin/");
			operator.wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));

			WebElement carolsRow = operator.wait.until((driver) -> row(driver, "carol" + tag));
			assertThat(carolsRow.findElement(By.className("protocol")).getText()).isEqualTo("tcp");
			assertThat(carolsRow.findElement(By.className("address")).getText()).isEqualTo(carol.address());
			assertThat(carolsRow.findElement(By.className("room")).getText()).isEqualTo(room);
			WebElement alicesRow = operator.wait.until((driver) -> row(driver, "alice" + tag));
			assertThat(alicesRow.findElement(By.className("protocol")).getText()).isEqualTo("websocket");
			assertThat(alicesRow.findElement(By.className("address")).getText()).startsWith("127.0.0.1:");
			operator.wait.until((driver) -> {
				for (WebElement element : driver.findElements(By.cssSelector("#rooms tr[data-room='" + room + "']"))) {
					if (element.findElement(By.className("members")).getText().equals("2")) {
						return element;
					}
				}
				return null;
			});
			// Some traffic for the delivery chart: the rate of the poll after it is not
			// zero.
			for (int i = 1; i <= 5; i++) {
				carol.send("line " + i);
			}
			operator.wait.until((driver) -> {
				String rate = driver.findElement(By.id("rate-now")).getText();
				return !rate.equals("–") && !rate.equals("0.0/s");
			});
			// Read inside the wait: the rooms table is rebuilt on every poll.
			List<String> roomCells = operator.wait.until((driver) -> {
				for (WebElement element : driver.findElements(By.cssSelector("#rooms tr[data-room='" + room + "']"))) {
					if (element.findElement(By.className("history-lines")).getText().equals("5")) {
						return List.of(element.findElement(By.className("topic")).getText(),
								element.findElement(By.className("history-size")).getText(),
								Integer.toString(element.findElements(By.cssSelector("b, img")).size()));
					}
				}
				return null;
			});
			assertThat(roomCells.get(0)).isEqualTo(topic);
			assertThat(roomCells.get(1)).matches("\\d+ B|\\d+\\.\\d KB");
			assertThat(roomCells.get(2)).as("elements made from the topic").isEqualTo("0");
			operator.screenshot("admin.png");

			row(operator.driver, "carol" + tag).findElement(By.cssSelector("button.disconnect")).click();
			carol.readUntil((line) -> line.equals("* disconnected by operator"));
			assertThat(carol.readLineOrNull()).isNull();
			operator.wait.until((driver) -> row(driver, "carol" + tag) == null);

			operator.driver.findElement(By.id("message-text")).sendKeys("maintenance at 18:00");
			operator.driver.findElement(By.id("message-room")).sendKeys(room);
			operator.driver.findElement(By.cssSelector("#message-form button")).click();
			operator.wait
				.until(ExpectedConditions.textToBe(By.id("message-result"), "sent to " + room + " (1 recipients)"));
			alice.wait.until((driver) -> {
				for (WebElement line : driver.findElements(By.cssSelector("#messages li"))) {
					if (line.getText().contains("[operator] maintenance at 18:00")) {
						return line;
					}
				}
				return null;
			});
		}
		finally {
			for (HeadlessChromium browser : browsers) {
				browser.quit();
			}
		}
	}

	private static WebElement row(WebDriver driver, String nick) {
		for (WebElement row : driver.findElements(By.cssSelector("#clients tbody tr"))) {
			if (row.findElement(By.className("nick")).getText().equals(nick)) {
				return row;
			}
		}
		return null;
	}

}
