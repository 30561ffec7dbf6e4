package io.switchboard.web;

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

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat page catches up after its connection drops: lines said while it was away
 * appear once each, in order, before live ones. The drop is the browser's: a script the
 * test puts before the page's own keeps its WebSocket at hand and closes it (code 4000,
 * as a lost network would end it), after which the page reconnects by itself.
 */
@SwitchboardTest
class WebChatCatchUpBrowserTests {

	@Autowired
	ChatServer server;

	@BeforeAll
	static void needsChromium() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void linesSaidWhileThePageWasDisconnectedAppearOnceInOrderAfterItReconnects() throws Exception {
		String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
		String room = "catch-up-" + tag;
		ChatPage page = new ChatPage();
		try (LineClient carol = LineClient.connected(this.server.tcpPort())) {
			page.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
					const Native = window.WebSocket;
					window.WebSocket = function (url, protocols) {
					  const socket = new Native(url, protocols);
					  window.lastSocket = socket;
					  return socket;
					};
					window.WebSocket.OPEN = Native.OPEN;
					"""));
			page.open(this.server.httpPort()).nick("pat" + tag).join(room);
			carol.command("/nick carol" + tag);
			carol.command("/join " + room);
			List<String> said = new ArrayList<>();
			said.add(say(carol, "before the drop"));
			page.sees("carol" + tag, "before the drop");

			// The connection drops; while the page waits to reconnect, three lines go by.
			page.driver.executeScript("window.lastSocket.close(4000, 'network lost')");
			page.wait.until((driver) -> page.status().startsWith("reconnecting"));
			for (int i = 1; i <= 3; i++) {
				said.add(say(carol, "while away " + i));
			}
			page.waitFor("#messages li.info", "caught up: 3 missed lines");
			assertThat(page.status()).isEqualTo("connected");
			said.add(say(carol, "after the return"));
			page.sees("carol" + tag, "after the return");

			assertThat(chatTexts(page)).containsSubsequence(said);
			assertThat(chatTexts(page).stream().filter(said::contains)).as("each once, in order")
				.containsExactlyElementsOf(said);
			page.screenshot("web-chat-caught-up");
		}
		finally {
			page.quit();
		}
	}

	private static String say(LineClient client, String text) {
		client.send(text).readUntil((line) -> line.endsWith(" " + text));
		return text;
	}

	private static List<String> chatTexts(ChatPage page) {
		return page.driver.findElements(By.cssSelector("#messages li.chat .text"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
