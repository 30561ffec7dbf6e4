package io.switchboard.web;

import java.util.concurrent.ThreadLocalRandom;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations page's ban controls in Debian's headless Chromium: a ban made on the
 * page disconnects the client it names and is listed; a target the server refuses is
 * reported as the server put it; lifting it lets the client back in.
 */
@SwitchboardTest
class AdminPageBansBrowserTests {

	@Autowired
	ChatServer server;

	@BeforeAll
	static void needsChromium() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void theOperatorBansAnAddressFromThePageSeesItListedAndLiftsIt() throws Exception {
		// an address of its own, so the ban touches no other test's clients
		String address = "127.0.0." + ThreadLocalRandom.current().nextInt(100, 200);
		HeadlessChromium operator = new HeadlessChromium();
		try (LineClient target = LineClient.from(address, this.server.tcpPort())) {
			operator.driver.get("http://" + ChatServer.ADMIN + ":" + ChatServer.PASSWORD + "@127.0.0.1:"
					+ this.server.httpPort() + "/admin/");
			operator.wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));

			// refused by the server: its reason shown, nothing listed
			operator.driver.findElement(By.id("ban-value")).sendKeys("not an address");
			operator.driver.findElement(By.cssSelector("#ban-form button")).click();
			operator.wait
				.until((driver) -> driver.findElement(By.id("ban-result")).getText().startsWith("not banned: "));
			assertThat(operator.driver.findElement(By.id("ban-result")).getText()).doesNotContain("HTTP 400");
			assertThat(row(operator.driver, address)).isNull();

			WebElement value = operator.driver.findElement(By.id("ban-value"));
			value.clear();
			value.sendKeys(address);
			operator.driver.findElement(By.id("ban-duration")).sendKeys("10m");
			String reason = "spam <b>again</b>";
			operator.driver.findElement(By.id("ban-reason")).sendKeys(reason);
			new Select(operator.driver.findElement(By.id("ban-kind"))).selectByValue("ip");
			operator.driver.findElement(By.cssSelector("#ban-form button")).click();
			operator.wait.until((driver) -> driver.findElement(By.id("ban-result")).getText().startsWith("banned ip "));
			assertThat(target.readUntil((line) -> line.startsWith("ERR "))).startsWith("ERR banned: " + reason);

			// The page redraws its list as it polls: a row is read, and clicked, through
			// the
			// wait, which finds it again if it went stale in between.
			Listed listed = operator.wait.until((driver) -> {
				WebElement row = row(driver, address);
				return (row != null) ? new Listed(row.findElement(By.className("kind")).getText(),
						row.findElement(By.className("reason")).getText(), row.findElements(By.cssSelector("b")).size(),
						row.findElement(By.className("by")).getText(), row.findElement(By.className("until")).getText())
						: null;
			});
			assertThat(listed.kind()).isEqualTo("ip");
			assertThat(listed.reason()).as("markup shown as text").isEqualTo(reason);
			assertThat(listed.boldElements()).isZero();
			assertThat(listed.by()).isEqualTo(ChatServer.ADMIN);
			assertThat(listed.until()).isNotEqualTo("until lifted");
			try (LineClient again = LineClient.from(address, this.server.tcpPort())) {
				assertThat(again.readLine()).as("refused while banned").startsWith("ERR banned: ");
			}

			operator.wait.until((driver) -> {
				WebElement row = row(driver, address);
				if (row == null) {
					return false;
				}
				row.findElement(By.cssSelector("button.lift")).click();
				return true;
			});
			operator.wait.until((driver) -> row(driver, address) == null);
			assertThat(operator.driver.findElement(By.id("ban-result")).getText()).startsWith("lifted ban ");
			try (LineClient back = LineClient.from(address, this.server.tcpPort())) {
				assertThat(back.readLine()).as("let in again").startsWith("* welcome to switchboard");
				assertThat(back.command("/ping")).isEqualTo("* pong");
			}
		}
		finally {
			operator.quit();
		}
	}

	private record Listed(String kind, String reason, int boldElements, String by, String until) {
	}

	private static WebElement row(WebDriver driver, String target) {
		for (WebElement row : driver.findElements(By.cssSelector("#bans tbody tr"))) {
			if (row.findElement(By.className("target")).getText().equals(target)) {
				return row;
			}
		}
		return null;
	}

}
