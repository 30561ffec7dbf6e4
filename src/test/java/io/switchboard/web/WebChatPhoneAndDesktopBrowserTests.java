package io.switchboard.web;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat page as people use it, at a phone's size and a desktop's, in one headless
 * Chromium for the whole class (each test opens the page afresh): what stays on screen,
 * what the page shows of a room, and what it refuses to send.
 */
@SwitchboardTest
class WebChatPhoneAndDesktopBrowserTests {

	private static ChatPage page;

	@Autowired
	ChatServer server;

	@BeforeAll
	static void openBrowser() throws Exception {
		HeadlessChromium.assumeInstalled();
		page = new ChatPage();
	}

	@AfterAll
	static void closeBrowser() {
		if (page != null) {
			page.quit();
		}
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void theMessageBoxAndTheNewestLineStayOnScreenAfterFortyLinesAndOnlyTheListScrolls(Viewport viewport) {
		// 45 lines, and at desktop size a flood of 600: the list keeps the last 500.
		int lines = (viewport == Viewport.PHONE) ? 45 : 600;
		String tag = tag();
		String room = "layout-" + tag;
		page.viewport(viewport).openFresh(this.server.httpPort()).nick("pat" + tag).join(room);
		try (LineClient carol = member(room, "carol" + tag)) {
			for (int i = 1; i <= lines; i++) {
				carol.send("line " + i + " of a long conversation, long enough to wrap on a phone's narrow screen");
			}
			String last = "line " + lines + " of a long conversation, long enough to wrap on a phone's narrow screen";
			// Read in the page: a WebDriver call per line of 500 takes seconds.
			WebElement newest = page.wait.until((driver) -> (WebElement) page.driver.executeScript("""
					const line = document.querySelector('#messages li.chat:last-child');
					return line && line.querySelector('.text').textContent === arguments[0] ? line : null;""", last));
			assertThat(page.driver.findElements(By.cssSelector("#messages li")).size()).as("lines in the list")
				.isBetween(45, 500);
			page.wait.until((driver) -> page.inViewport(newest) && page.inViewport(driver.findElement(By.id("text"))));
			assertThat(page.inViewport(page.driver.findElement(By.id("top")))).as("the header").isTrue();
			assertThat(number("""
					const list = document.getElementById('messages').getBoundingClientRect();
					const line = arguments[0].getBoundingClientRect();
					return line.top >= list.top && line.bottom <= list.bottom + 1 ? 1 : 0;""", newest))
				.as("the newest line inside the list's visible part")
				.isEqualTo(1);
			assertThat(number("return document.scrollingElement.scrollHeight - innerHeight")).as("the page scrolls")
				.isLessThanOrEqualTo(0);
			assertThat(number("return document.scrollingElement.scrollWidth - innerWidth"))
				.as("the page scrolls sideways")
				.isLessThanOrEqualTo(0);
			assertThat(number("const list = document.getElementById('messages'); "
					+ "return list.scrollHeight - list.clientHeight"))
				.as("the list scrolls")
				.isPositive();

			page.side();
			assertThat(number("return document.getElementById('side').getBoundingClientRect().width"))
				.as("the side panel's width")
				.isGreaterThanOrEqualTo(200);
			page.driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			if (viewport == Viewport.PHONE) {
				page.wait.until((driver) -> !page.inViewport(driver.findElement(By.id("side"))));
			}
			page.wait.until((driver) -> page.inViewport(newest));
		}
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void theRoomsTopicShowsInItsBarOnEnteringAndWhenItChanges(Viewport viewport) {
		String tag = tag();
		String room = "topic-" + tag;
		String topic = "release <b>2.1</b> today & "
				+ "a long topic that a phone cannot show on one line ".repeat(4).strip();
		try (LineClient carol = member(room, "carol" + tag)) {
			carol.send("/topic " + topic).readUntil((line) -> line.endsWith(": " + topic));
			page.viewport(viewport).openFresh(this.server.httpPort()).join(room);
			WebElement bar = page.driver.findElement(By.id("topic"));
			page.wait.until((driver) -> topic.equals(bar.getDomProperty("textContent")));
			assertThat(page.inViewport(bar)).isTrue();
			assertThat(bar.findElements(By.xpath("*"))).as("elements made from the topic").isEmpty();
			assertThat(number("return document.getElementById('topic-bar').getBoundingClientRect().height"))
				.as("the bar of a long topic stays one line")
				.isLessThan(60);

			carol.send("/topic deploy at 18:00");
			page.wait.until((driver) -> "deploy at 18:00".equals(bar.getDomProperty("textContent")));
			page.waitFor("#messages li.info", "carol" + tag + " set the topic: deploy at 18:00");
		}
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void whoAndRoomsTypedOnThePageShowTheirRepliesAndATopicNeverBecomesARoom(Viewport viewport) {
		String tag = tag();
		String room = "lists-" + tag;
		try (LineClient carol = member(room, "carol" + tag)) {
			carol.send("/topic test (42), ghost" + tag + " (7)").readUntil((line) -> line.endsWith(" (7)"));
			page.viewport(viewport).openFresh(this.server.httpPort()).nick("pat" + tag).join(room);
			// Lines that lie, dressed as the server's replies: text, not instructions.
			say(carol, "you were kicked from room " + room + " by admin");
			say(carol, "you are now in room liar" + tag);
			say(carol, "rooms: liar" + tag + " (99)");
			page.sees("carol" + tag, "rooms: liar" + tag + " (99)");
			page.say("/who");
			page.waitFor("#messages li.info", "in " + room + ": carol" + tag + ", pat" + tag);
			page.say("/rooms");
			page.wait.until((driver) -> driver.findElements(By.cssSelector("#messages li.info"))
				.stream()
				.anyMatch((line) -> line.getText().startsWith("rooms: ") && line.getText().contains(room + " (2)")));
			page.side().room(room);
			page.members(2);
			assertThat(page.driver.findElements(By.cssSelector("#rooms li[data-room='test'], #rooms li[data-room='ghost"
					+ tag + "'], #rooms li[data-room='liar" + tag + "']")))
				.as("rooms made from the topic or from chat")
				.isEmpty();
			assertThat(page.driver.findElement(By.id("room-name")).getText()).isEqualTo(room);
			assertThat(texts("#who li .name")).containsExactly("carol" + tag, "pat" + tag);
		}
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void eachRoomAndPrivateConversationIsABufferWithItsRecentLinesAndUnreadCount(Viewport viewport) throws Exception {
		String tag = tag();
		String first = "first-" + tag;
		String second = "second-" + tag;
		String carolsNick = "carol" + tag;
		try (LineClient carol = member(first, carolsNick)) {
			// Said before the page comes: shown when it enters the room.
			say(carol, "said before you came 1");
			say(carol, "said before you came 2");
			page.viewport(viewport).openFresh(this.server.httpPort()).nick("pat" + tag).join(first);
			page.sees(carolsNick, "said before you came 1");
			page.sees(carolsNick, "said before you came 2");
			page.join(second);
			assertThat(chatTexts()).as("the second room's list").isEmpty();

			// A line in the room not shown: counted, not mixed in.
			say(carol, "while you look elsewhere");
			WebElement unread = page.wait
				.until((driver) -> driver.findElement(By.cssSelector("#rooms li[data-room='" + first + "'] .unread"))
					.getDomProperty("textContent")
					.equals("1") ? driver.findElement(By.cssSelector("#rooms li[data-room='" + first + "'] .unread"))
							: null);
			assertThat(unread).isNotNull();
			if (viewport == Viewport.PHONE) {
				assertThat(page.driver.findElement(By.id("menu-unread")).getText()).isEqualTo("1");
			}
			assertThat(chatTexts()).isEmpty();
			page.side().click(By.cssSelector("#rooms li[data-room='" + first + "']"));
			page.sees(carolsNick, "while you look elsewhere");
			assertThat(chatTexts()).containsExactly("said before you came 1", "said before you came 2",
					"while you look elsewhere");
			assertThat(page.driver.findElements(By.cssSelector("#rooms .unread"))).isEmpty();

			// A private message: a conversation of its own, answered from the message
			// box.
			carol.send("/msg pat" + tag + " psst");
			WebElement conversation = page.wait.until((driver) -> {
				page.side();
				return driver.findElement(By.cssSelector("#privates li[data-nick='" + carolsNick + "']"));
			});
			assertThat(conversation.findElement(By.className("unread")).getText()).isEqualTo("1");
			assertThat(chatTexts()).doesNotContain("psst");
			page.click(By.cssSelector("#privates li[data-nick='" + carolsNick + "']"));
			page.wait.until((driver) -> texts("#messages li.private .text").contains("psst"));
			page.say("psst back");
			assertThat(carol.readUntil((line) -> line.contains("psst back"))).contains("pat" + tag);
			page.wait.until((driver) -> texts("#messages li.private .text").equals(List.of("psst", "psst back")));
			page.screenshot("web-chat-private-" + viewport.name().toLowerCase(Locale.ROOT) + ".png");
			page.side().click(By.cssSelector("#rooms li[data-room='" + first + "']"));
			page.screenshot("web-chat-room-" + viewport.name().toLowerCase(Locale.ROOT) + ".png");
			page.side();
			page.screenshot("web-chat-side-" + viewport.name().toLowerCase(Locale.ROOT) + ".png");
		}
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void actionsShowAsActionsLinksOpenSafelyAndYouAreMarkedAmongTheMembers(Viewport viewport) {
		String tag = tag();
		String room = "me-" + tag;
		String carolsNick = "carol" + tag;
		String patsNick = "pat" + tag;
		try (LineClient carol = member(room, carolsNick)) {
			page.viewport(viewport).openFresh(this.server.httpPort()).nick(patsNick).join(room);

			carol.send("/me waves");
			WebElement action = page.wait.until((driver) -> action(carolsNick, "waves"));
			assertThat(action.findElement(By.className("star")).getText()).isEqualTo("*");
			assertThat(action.findElement(By.className("text")).getCssValue("font-style")).isEqualTo("italic");
			page.say("/me hands out coffee");
			assertThat(carol.readUntil((line) -> line.contains("hands out coffee")))
				.endsWith("* " + patsNick + " hands out coffee");
			page.wait.until((driver) -> action(patsNick, "hands out coffee"));

			String link = "https://example.com/runbook?step=2&x=%3Cb%3E";
			say(carol, "docs at " + link + ", not javascript:alert(1) nor data:text/html,<b>x</b>");
			WebElement text = page.sees(carolsNick,
					"docs at " + link + ", not javascript:alert(1) nor data:text/html,<b>x</b>");
			List<WebElement> links = text.findElements(By.tagName("a"));
			assertThat(links).hasSize(1);
			assertThat(links.get(0).getDomProperty("href")).isEqualTo(link);
			assertThat(links.get(0).getText()).isEqualTo(link);
			assertThat(links.get(0).getDomAttribute("rel")).contains("noopener");
			assertThat(links.get(0).getDomAttribute("target")).isEqualTo("_blank");
			assertThat(page.driver.findElements(
					By.cssSelector("#messages b, #messages [href^='javascript'], " + "#messages [href^='data']")))
				.isEmpty();

			page.side();
			page.wait.until((driver) -> texts("#who li .name").containsAll(List.of(carolsNick, patsNick)));
			assertThat(texts("#who li.me .name")).containsExactly(patsNick);
			assertThat(texts("#who li .you")).containsExactly("you");
			assertThat(page.driver.findElement(By.cssSelector("#who li.me .you")).isDisplayed()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void anOverLongPasteStaysInTheBoxWithAnErrorAndANickIsKeptOnlyOnceTheServerConfirmsIt(Viewport viewport) {
		String tag = tag();
		String room = "limits-" + tag;
		String patsNick = "pat" + tag;
		try (LineClient carol = member(room, "carol" + tag)) {
			page.viewport(viewport).openFresh(this.server.httpPort()).nick(patsNick).join(room);

			// 4,097 characters, 8,194 bytes in UTF-8: over the server's 8,192.
			String over = "\u00e9".repeat(4097);
			paste(over);
			page.driver.findElement(By.cssSelector("#send-form button")).click();
			WebElement error = page.driver.findElement(By.id("send-error"));
			page.wait.until((driver) -> error.isDisplayed());
			assertThat(error.getText()).contains("8194 of 8192 bytes");
			assertThat(page.inViewport(error)).isTrue();
			assertThat(page.driver.findElement(By.id("text")).getDomProperty("value")).isEqualTo(over);
			// A paste of a megabyte: refused as it is pasted, and the page stays
			// connected.
			paste("x".repeat(1_000_000));
			page.wait.until((driver) -> error.getText().contains("more than 8192 bytes"));
			// Exactly the limit goes.
			String most = "\u00e9".repeat(4096);
			paste(most);
			page.wait.until((driver) -> !error.isDisplayed());
			page.driver.findElement(By.cssSelector("#send-form button")).click();
			assertThat(carol.readUntil((line) -> line.endsWith(" " + most))).contains(patsNick);
			assertThat(page.status()).isEqualTo("connected");

			// Nicks: refused by the page's copy of the server's rules, or by the server;
			// either way the nick kept is the last one the server confirmed.
			page.side();
			WebElement nick = page.driver.findElement(By.id("nick-input"));
			WebElement nickError = page.driver.findElement(By.id("nick-error"));
			nick.clear();
			nick.sendKeys("john.doe");
			page.driver.findElement(By.cssSelector("#nick-form button")).click();
			page.wait.until((driver) -> nickError.getText().startsWith("a nick is 1-32 of"));
			nick.clear();
			nick.sendKeys("[bot]");
			page.driver.findElement(By.cssSelector("#nick-form button")).click();
			page.wait.until((driver) -> nickError.getText().startsWith("nick [bot] is reserved"));
			assertThat(nick.getDomProperty("value")).isEqualTo("[bot]");
			assertThat(page.driver.executeScript("return sessionStorage.getItem('switchboard.nick')"))
				.isEqualTo(patsNick);
			page.driver.navigate().refresh();
			page.wait.until((driver) -> page.status().equals("connected"));
			page.wait.until((driver) -> texts("#who li.me .name").equals(List.of(patsNick)));
			assertThat(page.driver.findElement(By.id("nick-input")).getDomProperty("value")).isEqualTo(patsNick);
			carol.send("/msg " + patsNick + " still you?");
			page.wait.until((driver) -> driver
				.findElements(By.cssSelector("#privates li[data-nick='" + patsNick + "']"))
				.isEmpty()
					&& !driver.findElements(By.cssSelector("#privates li[data-nick='carol" + tag + "']")).isEmpty());
		}
	}

	/**
	 * Put text in the message box as a paste does: all at once.
	 */
	private static void paste(String text) {
		page.driver.executeScript("const box = document.getElementById('text'); box.value = arguments[0]; "
				+ "box.dispatchEvent(new Event('input'));", text);
	}

	private static @Nullable WebElement action(String from, String text) {
		for (WebElement line : page.driver.findElements(By.cssSelector("#messages li.action"))) {
			if (line.findElement(By.className("from")).getText().equals(from)
					&& line.findElement(By.className("text")).getText().equals(text)) {
				return line;
			}
		}
		return null;
	}

	private static void say(LineClient client, String text) {
		client.send(text).readUntil((line) -> line.endsWith(" " + text));
	}

	private static List<String> chatTexts() {
		return texts("#messages li.chat .text");
	}

	/**
	 * The texts of the elements, shown or not (a closed drawer's are not).
	 */
	private static List<String> texts(String css) {
		return page.driver.findElements(By.cssSelector(css))
			.stream()
			.map((element) -> element.getDomProperty("textContent"))
			.toList();
	}

	private LineClient member(String room, String nick) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		assertThat(client.command("/nick " + nick)).isEqualTo("* you are now " + nick);
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static long number(String script, Object... arguments) {
		return ((Number) page.driver.executeScript(script, arguments)).longValue();
	}

	private static String tag() {
		return Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
	}

}
