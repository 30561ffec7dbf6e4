package io.switchboard.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
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

	private @Nullable Viewport viewport;

	ChatPage() throws IOException {
		this.chromium = new HeadlessChromium();
		this.driver = this.chromium.driver;
		this.wait = this.chromium.wait;
	}

	ChatPage open(int httpPort) {
		return open(httpPort, "");
	}

	/**
	 * Open the page as a new visitor: nothing kept from an earlier visit in this tab
	 * (nick, rooms).
	 */
	ChatPage openFresh(int httpPort) {
		if (this.driver.getCurrentUrl().startsWith("http://127.0.0.1:" + httpPort + "/")) {
			this.driver.executeScript("sessionStorage.clear()");
		}
		return open(httpPort);
	}

	/**
	 * Open the page with a fragment ({@code #access_token=...}).
	 */
	ChatPage open(int httpPort, String fragment) {
		this.driver.get("http://127.0.0.1:" + httpPort + "/" + fragment);
		this.wait.until(ExpectedConditions.textToBe(By.id("status"), "connected"));
		if (this.viewport != null) {
			// A phone's browser lays out a page without a viewport meta 980 px wide.
			assertThat(this.driver.executeScript("return innerWidth")).isEqualTo((long) this.viewport.width);
		}
		return this;
	}

	/**
	 * Show the page at this size, as a phone's browser (viewport meta honoured) or a
	 * desktop's.
	 */
	ChatPage viewport(Viewport viewport) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width, "height",
				viewport.height, "deviceScaleFactor", 1, "mobile", viewport.mobile));
		this.viewport = viewport;
		return this;
	}

	/**
	 * Open the side panel (rooms, people, nick) if it is a drawer at this width.
	 */
	/**
	 * Click what {@code selector} finds, finding it again if the page rebuilt it between
	 * the find and the click (its room and conversation lists are redrawn as events
	 * come).
	 */
	ChatPage click(By selector) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> {
				driver.findElement(selector).click();
				return true;
			});
		return this;
	}

	ChatPage side() {
		WebElement menu = this.driver.findElement(By.id("menu"));
		if (menu.isDisplayed() && !"true".equals(menu.getDomAttribute("aria-expanded"))) {
			menu.click();
		}
		this.wait.until((driver) -> inViewport(driver.findElement(By.id("side"))));
		return this;
	}

	/**
	 * Whether all of an element is inside the window.
	 */
	boolean inViewport(WebElement element) {
		return Boolean.TRUE.equals(this.driver.executeScript("""
				const r = arguments[0].getBoundingClientRect();
				return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
				""", element));
	}

	ChatPage nick(String nick) {
		side();
		WebElement field = this.driver.findElement(By.id("nick-input"));
		field.clear();
		field.sendKeys(nick);
		this.driver.findElement(By.cssSelector("#nick-form button")).click();
		waitFor("#messages li.info:last-child", "you are now " + nick);
		return this;
	}

	ChatPage join(String room) {
		side();
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

	/**
	 * Waits for a room in the side panel's list of rooms the page is not in with this
	 * many members, and returns it.
	 */
	WebElement room(String room, int members) {
		return this.wait.until((driver) -> {
			for (WebElement element : driver.findElements(By.cssSelector("#rooms li[data-room='" + room + "']"))) {
				if (element.findElement(By.className("count")).getText().equals(Integer.toString(members))) {
					return element;
				}
			}
			return null;
		});
	}

	/**
	 * Waits for the room shown to have this many members, as the heading of its member
	 * list counts them.
	 */
	ChatPage members(int count) {
		this.wait.until((driver) -> Integer.toString(count)
			.equals(driver.findElement(By.id("who-count")).getDomProperty("textContent")));
		return this;
	}

	/**
	 * A room in the side panel's room list.
	 */
	WebElement room(String room) {
		return this.wait.until((driver) -> driver.findElement(By.cssSelector("#rooms li[data-room='" + room + "']")));
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
