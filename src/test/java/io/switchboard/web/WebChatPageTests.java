package io.switchboard.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
 * The web chat page at {@code /} in real browsers: Debian's headless Chromium driven by
 * its chromedriver (never a driver Selenium Manager would download), two browser sessions
 * and a TCP client chatting in two rooms.
 */
@SwitchboardTest
class WebChatPageTests {

	private static final String XSS = "<img src=x onerror=alert(1)>";

	@Autowired
	ChatServer server;

	@BeforeAll
	static void needsChromium() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void twoBrowsersAndATcpClientChatInTwoRoomsAndTheXssStringStaysText() throws Exception {
		String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
		String first = "web-a-" + tag;
		String second = "web-b-" + tag;
		List<ChatPage> browsers = new ArrayList<>();
		try (LineClient carol = LineClient.connected(this.server.tcpPort())) {
			ChatPage alice = new ChatPage();
			browsers.add(alice);
			ChatPage bob = new ChatPage();
			browsers.add(bob);
			alice.open(this.server.httpPort()).nick("alice" + tag).join(first);
			bob.open(this.server.httpPort()).nick("bob" + tag).join(first);
			assertThat(carol.command("/nick carol" + tag)).isEqualTo("* you are now carol" + tag);
			assertThat(carol.command("/join " + first)).isEqualTo("* you are now in room " + first);

			alice.say("hello from alice");
			bob.sees("alice" + tag, "hello from alice");
			carol.readUntil((line) -> line.endsWith(" alice" + tag + " hello from alice"));
			bob.say("hello from bob");
			alice.sees("bob" + tag, "hello from bob");
			carol.readUntil((line) -> line.endsWith(" bob" + tag + " hello from bob"));
			carol.send("hello from carol");
			alice.sees("carol" + tag, "hello from carol");
			bob.sees("carol" + tag, "hello from carol");

			// The side panel: how many are in the room, and who.
			alice.members(3);
			alice.wait.until((driver) -> texts(driver.findElements(By.cssSelector("#who li .name")))
				.containsAll(List.of("alice" + tag, "bob" + tag, "carol" + tag)));

			alice.say(XSS);
			WebElement shown = bob.sees("alice" + tag, XSS);
			assertThat(shown.getText()).isEqualTo(XSS);
			carol.readUntil((line) -> line.endsWith(" alice" + tag + " " + XSS));
			for (ChatPage browser : browsers) {
				assertThat(browser.driver.findElements(By.tagName("img"))).isEmpty();
				assertThat(browser.driver.findElements(By.cssSelector("#messages li.chat .text"))
					.stream()
					.filter((element) -> element.getText().equals(XSS))).hasSize(1);
			}

			// The second room: alice types its name, bob clicks it in the room list.
			alice.join(second);
			bob.side().room(second, 1).click();
			bob.wait.until(ExpectedConditions.textToBe(By.id("room-name"), second));
			assertThat(carol.command("/join " + second)).isEqualTo("* you are now in room " + second);
			carol.send("carol in the second room");
			alice.sees("carol" + tag, "carol in the second room");
			bob.sees("carol" + tag, "carol in the second room");
			bob.say("bob in the second room");
			alice.sees("bob" + tag, "bob in the second room");
			carol.readUntil((line) -> line.endsWith(" bob" + tag + " bob in the second room"));
			alice.say("alice in the second room");
			bob.sees("alice" + tag, "alice in the second room");
			carol.readUntil((line) -> line.endsWith(" alice" + tag + " alice in the second room"));
			alice.members(3);

			Path desktop = alice.screenshot("web-chat-desktop.png");
			Files.copy(desktop, HeadlessChromium.SCREENSHOTS.resolve("web-chat.png"),
					StandardCopyOption.REPLACE_EXISTING);

			// Phone width: no horizontal scroll, and the message input is on screen.
			bob.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
			bob.wait.until((driver) -> Long.valueOf(375).equals(bob.driver.executeScript("return window.innerWidth")));
			Object scrollWidth = bob.driver.executeScript("return document.scrollingElement.scrollWidth");
			assertThat(((Number) scrollWidth).intValue()).isLessThanOrEqualTo(375);
			WebElement input = bob.driver.findElement(By.id("text"));
			assertThat(input.isDisplayed()).isTrue();
			Object inputRight = bob.driver.executeScript(
					"const r = arguments[0].getBoundingClientRect(); return r.bottom <= innerHeight && r.right <= innerWidth;",
					input);
			assertThat(inputRight).isEqualTo(true);
			bob.screenshot("web-chat-phone.png");
		}
		finally {
			for (ChatPage browser : browsers) {
				browser.quit();
			}
		}
	}

	private static List<String> texts(List<WebElement> elements) {
		return elements.stream().map(WebElement::getText).toList();
	}

}
