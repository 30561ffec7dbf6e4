package io.switchboard.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web IRC client in Debian's headless Chromium: the test's own page
 * ({@code web/irc-over-websocket.html}), served from another origin that
 * {@code switchboard.websocket.allowed-origins} allows, opens
 * {@code new WebSocket(url, ['text.ircv3.net'])}, registers, joins a channel and chats
 * with an {@code nc}-style TCP client in the same room. Screenshot:
 * {@code target/screenshots/web-irc-client.png}.
 */
@SwitchboardTest
class WebIrcClientBrowserTests {

	private static final String PAGE = "/irc-over-websocket.html";

	/** The page's own server: another origin than the chat server's. */
	private static @Nullable HttpServer pages;

	@Autowired
	ChatServer server;

	@BeforeAll
	static void needsChromium() {
		HeadlessChromium.assumeInstalled();
	}

	@DynamicPropertySource
	static void pageOriginIsAllowed(DynamicPropertyRegistry registry) throws IOException {
		HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		started.createContext(PAGE, (exchange) -> {
			try (exchange;
					InputStream page = WebIrcClientBrowserTests.class
						.getResourceAsStream("/web/irc-over-websocket.html")) {
				byte[] body = page.readAllBytes();
				exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
		});
		started.start();
		pages = started;
		registry.add("switchboard.websocket.allowed-origins", WebIrcClientBrowserTests::pageOrigin);
	}

	@AfterAll
	static void stopPages() {
		if (pages != null) {
			pages.stop(0);
		}
	}

	@Test
	void aWebIrcClientInChromiumChatsWithATcpClientOverTextIrcv3Net() throws IOException {
		String room = "webirc" + UUID.randomUUID().toString().substring(0, 6);
		String nick = "chromium" + UUID.randomUUID().toString().substring(0, 6);
		String ncNick = nick + "nc";
		try (LineClient nc = LineClient.connected(this.server.tcpPort())) {
			assertThat(nc.command("/nick " + ncNick)).isEqualTo("* you are now " + ncNick);
			assertThat(nc.command("/join " + room)).isEqualTo("* you are now in room " + room);
			HeadlessChromium chromium = new HeadlessChromium();
			try {
				chromium.driver
					.get(pageOrigin() + PAGE + "?ws=" + encoded("ws://127.0.0.1:" + this.server.httpPort() + "/ws")
							+ "&nick=" + nick + "&channel=" + room);
				chromium.wait.until(ExpectedConditions.textToBe(By.id("state"), "joined"));
				assertThat(chromium.driver.findElement(By.id("protocol")).getText()).isEqualTo("text.ircv3.net");

				nc.send("hello from nc");
				String expected = ":" + ncNick + "!~" + ncNick.substring(0, 10) + "@switchboard PRIVMSG #" + room
						+ " :hello from nc";
				chromium.wait.until((driver) -> driver.findElements(By.cssSelector("#log li.received"))
					.stream()
					.map(WebElement::getText)
					.anyMatch(expected::equals));

				chromium.driver.findElement(By.id("line")).sendKeys("hello from chromium", Keys.ENTER);
				assertThat(nc.readUntil((line) -> line.contains("hello from chromium")))
					.endsWith("] " + nick + " hello from chromium");
				chromium.screenshot("web-irc-client.png");
			}
			finally {
				chromium.quit();
			}
		}
	}

	private static String pageOrigin() {
		if (pages == null) {
			throw new IllegalStateException("the page server has not started");
		}
		return "http://127.0.0.1:" + pages.getAddress().getPort();
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
