package io.switchboard.web;

import java.io.IOException;
import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat page at {@code /} in a headless Chromium of its own: what a person does on
 * it (pick a nick, join a room, send a line) and what they see.
 */
final class ChatPage {

	final HeadlessChromium chromium;

	final ChromeDriver driver;

	final WebDriverWait wait;

	ChatPage() throws IOException {
		this.chromium = new HeadlessChromium();
		this.driver = this.chromium.driver;
		this.wait = this.chromium.wait;
	}

	ChatPage open(int httpPort) {
		return open(httpPort, "");
	}

	/**
	 * Open the page with a fragment ({@code #access_token=...}).
	 */
	ChatPage open(int httpPort, String fragment) {
		this.driver.get("http://127.0.0.1:" + httpPort + "/" + fragment);
		this.wait.until(ExpectedConditions.textToBe(By.id("status"), "connected"));
		return this;
	}

	ChatPage nick(String nick) {
		WebElement field = this.driver.findElement(By.id("nick-input"));
		field.clear();
		field.sendKeys(nick);
		this.driver.findElement(By.cssSelector("#nick-form button")).click();
		waitFor("#messages li.info:last-child", "you are now " + nick);
		return this;
	}

	ChatPage join(String room) {
		this.driver.findElement(By.id("join-input")).sendKeys(room);
		this.driver.findElement(By.cssSelector("#join-form button")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("room-name"), room));
		return this;
	}

	void say(String text) {
		WebElement field = this.driver.findElement(By.id("text"));
		field.sendKeys(text);
		this.driver.findElement(By.cssSelector("#send-form button")).click();
		this.wait.until((driver) -> "".equals(field.getDomProperty("value")));
	}

	/**
	 * Waits for a chat line from {@code from} and returns its text element.
	 */
	WebElement sees(String from, String text) {
		return this.wait.until((driver) -> {
			for (WebElement line : driver.findElements(By.cssSelector("#messages li.chat"))) {
				if (line.findElement(By.className("from")).getText().equals(from)
						&& line.findElement(By.className("text")).getText().equals(text)) {
					assertThat(line.findElement(By.className("time")).getText()).isNotEmpty();
					return line.findElement(By.className("text"));
				}
			}
			return null;
		});
	}

	/**
	 * Waits for an element with exactly this text.
	 */
	WebElement waitFor(String css, String text) {
		return this.wait.until((driver) -> {
			for (WebElement element : driver.findElements(By.cssSelector(css))) {
				if (element.getText().equals(text)) {
					return element;
				}
			}
			return null;
		});
	}

	String status() {
		return this.driver.findElement(By.id("status")).getText();
	}

	Path screenshot(String name) throws IOException {
		return this.chromium.screenshot(name);
	}

	void quit() {
		this.chromium.quit();
	}

}
