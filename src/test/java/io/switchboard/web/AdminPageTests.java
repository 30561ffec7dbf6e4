package io.switchboard.web;

import java.net.DatagramSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import io.switchboard.transport.StreamListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations page over plain HTTP: behind the admin's credentials; while no password
 * is set, a page saying how to set one (also in headless Chromium), everything else
 * refused.
 */
@SwitchboardTest
class AdminPageTests {

	private static final String CREDENTIALS = ChatServer.ADMIN + ":" + ChatServer.PASSWORD;

	@Autowired
	ChatServer server;

	@Test
	void thePageNeedsTheAdminsCredentials() {
		for (String path : new String[] { "/admin", "/admin/", "/admin/index.html", "/admin/admin.js",
				"/admin/api/clients", "/admin/api/rooms" }) {
			HttpResponse<String> anonymous = this.server.http("GET", path, "", null);
			assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying((value) -> {
				assertThat(value).startsWith("Basic");
			});
			assertThat(this.server.http("GET", path, "", ChatServer.ADMIN + ":wrong").statusCode()).as(path)
				.isEqualTo(401);
		}
		HttpResponse<String> page = this.server.http("GET", "/admin/", "", CREDENTIALS);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Switchboard operations</title>").contains("/admin/admin.js");
		assertThat(this.server.http("GET", "/admin/admin.js", "", CREDENTIALS).statusCode()).isEqualTo(200);
		assertThat(this.server.http("GET", "/admin/admin.css", "", CREDENTIALS).statusCode()).isEqualTo(200);
		HttpResponse<String> bare = this.server.http("GET", "/admin", "", CREDENTIALS);
		assertThat(bare.statusCode()).isEqualTo(302);
		assertThat(bare.headers().firstValue("Location")).hasValueSatisfying((value) -> {
			assertThat(value).endsWith("/admin/");
		});
	}

	@Test
	void thePagesOperationsAreTheClientsEndpointsWithAddresses() {
		try (LineClient alice = LineClient.connected(this.server.tcpPort())) {
			HttpResponse<String> listing = this.server.http("GET", "/admin/api/clients", "", CREDENTIALS);
			assertThat(listing.statusCode()).isEqualTo(200);
			assertThat(listing.body()).contains("\"remoteAddress\":\"" + alice.address() + "\"");
			String id = listing.body()
				.replaceAll(
						".*\"id\":\"([^\"]+)\",\"protocol\":\"tcp\",\"remoteAddress\":\"" + alice.address() + "\".*",
						"$1");
			String room = "admin-page-" + id;
			assertThat(alice.command("/join " + room)).isEqualTo("* you are now in room " + room);
			assertThat(this.server
				.http("POST", "/admin/api/clients", "{\"message\": \"hi\", \"room\": \"" + room + "\"}", null)
				.statusCode()).isEqualTo(401);
			assertThat(this.server
				.http("POST", "/admin/api/clients", "{\"message\": \"hi\", \"room\": \"" + room + "\"}", CREDENTIALS)
				.statusCode()).isEqualTo(200);
			assertThat(alice.readLine()).isEqualTo("* [operator] hi");
			assertThat(this.server.http("DELETE", "/admin/api/clients/" + id, "", null).statusCode()).isEqualTo(401);
			assertThat(this.server.http("DELETE", "/admin/api/clients/" + id, "", CREDENTIALS).statusCode())
				.isEqualTo(200);
			assertThat(alice.readLine()).isEqualTo("* disconnected by operator");
			assertThat(alice.readLineOrNull()).isNull();
		}
	}

	@Test
	void thePagesRoomListingIsTheRoomsEndpoint() {
		String room = "admin-rooms-" + Long.toString(System.nanoTime(), 36);
		try (LineClient alice = LineClient.connected(this.server.tcpPort())) {
			alice.command("/join " + room);
			alice.command("/topic on call");
			alice.send("hello").readLine();
			HttpResponse<String> listing = this.server.http("GET", "/admin/api/rooms", "", CREDENTIALS);
			assertThat(listing.statusCode()).isEqualTo(200);
			List<Map<String, Object>> rooms = JsonPath.read(listing.body(), "$.rooms[?(@.name == '" + room + "')]");
			assertThat(rooms).singleElement()
				.satisfies((listed) -> assertThat(listed).containsEntry("members", 1)
					.containsEntry("topic", "on call")
					.containsEntry("historyLines", 1));
		}
	}

	@Test
	void withoutAConfiguredPasswordThePageSaysHowToSetOneAndEverythingElseIsRefused() throws Exception {
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.enabled=false",
				"--switchboard.admin.username=" + ChatServer.ADMIN);
		try {
			ChatServer open = new ChatServer(app.getBean("tcpChatServer", StreamListener.class),
					app.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) app);
			for (String path : new String[] { "/admin/index.html", "/admin/admin.js", "/admin/api/clients",
					"/admin/api/rooms", "/admin/api/bans" }) {
				assertThat(open.http("GET", path, "", null).statusCode()).as(path).isEqualTo(401);
				assertThat(open.http("GET", path, "", CREDENTIALS).statusCode()).as(path).isEqualTo(401);
				assertThat(open.http("GET", path, "", ChatServer.ADMIN + ":").statusCode()).as(path).isEqualTo(401);
			}
			assertThat(open.http("POST", "/admin/api/bans", "{\"ip\":\"127.0.0.9\"}", null).statusCode())
				.isEqualTo(401);
			// No login prompt for credentials that cannot exist: how to set them instead.
			HttpResponse<String> page = open.http("GET", "/admin/", "", null);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
			assertThat(page.body()).contains("--switchboard.admin.password=").doesNotContain("admin.js");
			HeadlessChromium.assumeInstalled();
			HeadlessChromium browser = new HeadlessChromium();
			try {
				browser.driver.get("http://127.0.0.1:" + open.httpPort() + "/admin");
				String shown = browser.wait
					.until((driver) -> driver.findElement(org.openqa.selenium.By.id("no-password")))
					.getText();
				assertThat(shown).contains("Set an admin password to use this page")
					.contains("./switchboard --switchboard.admin.password=")
					.contains("SWITCHBOARD_ADMIN_PASSWORD=");
			}
			finally {
				browser.quit();
			}
			assertThat(open.http("GET", "/", "", null).statusCode()).as("the chat page stays open").isEqualTo(200);
		}
		finally {
			app.close();
		}
	}

}
