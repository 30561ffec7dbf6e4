package io.switchboard.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One headless Debian Chromium, driven through Debian's chromedriver, with a profile of
 * its own. The explicit driver keeps Selenium Manager (which would download one) out of
 * it.
 */
final class HeadlessChromium {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	final ChromeDriverService service;

	final ChromeDriver driver;

	final WebDriverWait wait;

	HeadlessChromium() throws IOException {
		Path profile = Files.createTempDirectory("switchboard-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,800", "--user-data-dir=" + profile);
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(this.service, options);
		// The pages re-render their lists on every poll.
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(15));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	/**
	 * Skip the test class, with the reason, where Chromium is not installed.
	 */
	static void assumeInstalled() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
						+ ".ci/run installs them");
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
	}

	Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File shot = this.driver.getScreenshotAs(OutputType.FILE);
		return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	void quit() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
		}
	}

}
