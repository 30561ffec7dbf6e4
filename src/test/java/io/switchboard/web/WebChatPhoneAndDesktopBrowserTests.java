package io.switchboard.web;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
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
		String tag = tag();
		String room = "layout-" + tag;
		page.viewport(viewport).openFresh(this.server.httpPort()).nick("pat" + tag).join(room);
		try (LineClient carol = member(room, "carol" + tag)) {
			for (int i = 1; i <= 45; i++) {
				carol.send("line " + i + " of a long conversation, long enough to wrap on a phone's narrow screen");
			}
			WebElement newest = page.sees("carol" + tag,
					"line 45 of a long conversation, long enough to wrap on a phone's narrow screen");
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
			page.say("/who");
			page.waitFor("#messages li.info", "in " + room + ": carol" + tag + ", pat" + tag);
			page.say("/rooms");
			page.wait.until((driver) -> driver.findElements(By.cssSelector("#messages li.info"))
				.stream()
				.anyMatch((line) -> line.getText().startsWith("rooms: ") && line.getText().contains(room + " (2)")));
			page.side().room(room, 2);
			assertThat(page.driver
				.findElements(By.cssSelector("#rooms li[data-room='test'], #rooms li[data-room='ghost" + tag + "']")))
				.as("rooms made from the topic")
				.isEmpty();
			assertThat(page.driver.findElements(By.cssSelector("#who li")).stream().map(WebElement::getText))
				.containsExactly("carol" + tag, "pat" + tag);
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
			page.side().room(first).click();
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
			conversation.click();
			page.wait.until((driver) -> texts("#messages li.private .text").contains("psst"));
			page.say("psst back");
			assertThat(carol.readUntil((line) -> line.contains("psst back"))).contains("pat" + tag);
			page.wait.until((driver) -> texts("#messages li.private .text").equals(List.of("psst", "psst back")));
			page.screenshot("web-chat-private-" + viewport.name().toLowerCase(Locale.ROOT) + ".png");
			page.side().room(first).click();
			page.screenshot("web-chat-room-" + viewport.name().toLowerCase(Locale.ROOT) + ".png");
			page.side();
			page.screenshot("web-chat-side-" + viewport.name().toLowerCase(Locale.ROOT) + ".png");
		}
	}

	private static void say(LineClient client, String text) {
		client.send(text).readUntil((line) -> line.endsWith(" " + text));
	}

	private static List<String> chatTexts() {
		return texts("#messages li.chat .text");
	}

	private static List<String> texts(String css) {
		return page.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
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
