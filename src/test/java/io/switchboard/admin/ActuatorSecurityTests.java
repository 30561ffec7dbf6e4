package io.switchboard.admin;

import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.SwitchboardTest;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read and write what under {@code /actuator}, with the admin's password set (the
 * tests' servers) and without one.
 */
@SwitchboardTest
class ActuatorSecurityTests {

	/**
	 * Each wrong password counts against 127.0.0.1's login failures, shared by every test
	 * on this server: few of them.
	 */
	private static final String WRONG = ChatServer.ADMIN + ":wrong";

	@Autowired
	ChatServer server;

	@Test
	void healthStatusInfoMetricsAndPrometheusAreAnonymous() {
		for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness", "/actuator/info", "/actuator/metrics",
				"/actuator/metrics/switchboard.clients", "/actuator/prometheus" }) {
			assertThat(this.server.getAnonymously(path).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void readingClientsRoomsOrBansNeedsTheAdminsCredentials() {
		List<String> admins = List.of("/actuator/clients", "/actuator/clients/tcp-1", "/actuator/clients?scope=node",
				"/actuator/rooms", "/actuator/rooms/lobby/history", "/actuator/bans", "/actuator/bans/127.0.0.1");
		for (String path : admins) {
			HttpResponse<String> anonymous = this.server.getAnonymously(path);
			assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying((challenge) -> {
				assertThat(challenge).startsWith("Basic ");
			});
		}
		for (String path : List.of("/actuator/clients", "/actuator/rooms", "/actuator/rooms/lobby/history")) {
			assertThat(this.server.getAsAdmin(path).statusCode()).as(path).isEqualTo(200);
		}
		assertThat(this.server.getAsAdmin("/actuator/bans").statusCode())
			.as("let through (404 until the bans endpoint exists)")
			.isIn(200, 404);
		assertThat(this.server.http("GET", "/actuator/clients", "", WRONG).statusCode()).isEqualTo(401);
		assertThat(this.server.http("GET", "/actuator/rooms", "", WRONG).statusCode()).isEqualTo(401);
	}

	@Test
	void healthShowsItsComponentsToTheAdminOnly() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness" }) {
			Map<String, Object> anonymous = JsonPath.read(this.server.getAnonymously(path).body(), "$");
			assertThat(anonymous).as(path).containsEntry("status", "UP").doesNotContainKey("components");
			Map<String, Object> admin = JsonPath.read(this.server.getAsAdmin(path).body(), "$");
			assertThat(admin).as(path).containsEntry("status", "UP").containsKey("components");
		}
		assertThat((Boolean) JsonPath.read(this.server.getAsAdmin("/actuator/health").body(),
				"$.components.tcp.details.listening"))
			.isTrue();
		assertThat(this.server.getAnonymously("/actuator/health/tcp").statusCode()).as("a component by its path")
			.isEqualTo(404);
		assertThat(this.server.getAsAdmin("/actuator/health/tcp").statusCode()).isEqualTo(200);
	}

	@Test
	void writesNeedTheAdminsCredentials() {
		try (LineClient alice = LineClient.connected(this.server.tcpPort())) {
			String id = this.server.getAsAdmin("/actuator/clients")
				.body()
				.replaceAll(
						".*\"id\":\"([^\"]+)\",\"protocol\":\"tcp\",\"remoteAddress\":\"" + alice.address() + "\".*",
						"$1");
			String body = "{\"message\": \"hi\"}";
			assertThat(this.server.http("POST", "/actuator/clients", body, null).statusCode()).isEqualTo(401);
			assertThat(this.server.http("POST", "/actuator/clients", body, WRONG).statusCode()).isEqualTo(401);
			assertThat(this.server.http("DELETE", "/actuator/clients/" + id, "", null).statusCode()).isEqualTo(401);
			assertThat(this.server.get("/actuator/clients/" + id).statusCode()).as("still connected").isEqualTo(200);
			assertThat(this.server.http("POST", "/actuator/clients", body).statusCode()).isEqualTo(200);
			assertThat(alice.readLine()).isEqualTo("* [operator] hi");
		}
	}

	@Test
	void onASeparateManagementPortTheSameRulesApply() throws Exception {
		int management;
		try (ServerSocket free = new ServerSocket(0)) {
			management = free.getLocalPort();
		}
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--management.server.port=" + management,
				"--management.server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.enabled=false",
				"--switchboard.admin.password=" + ChatServer.PASSWORD,
				"--switchboard.admin.username=" + ChatServer.ADMIN);
		try {
			HttpClient http = HttpClient.newHttpClient();
			String base = "http://127.0.0.1:" + management + "/actuator";
			String credentials = "Basic "
					+ Base64.getEncoder().encodeToString((ChatServer.ADMIN + ":" + ChatServer.PASSWORD).getBytes());
			HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).doesNotContain("components");
			HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(base + "/clients"));
			assertThat(http.send(list.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
			assertThat(
					http.send(list.header("Authorization", credentials).build(), HttpResponse.BodyHandlers.discarding())
						.statusCode())
				.isEqualTo(200);
			HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "/clients"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"hi\"}"));
			assertThat(http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
			assertThat(
					http.send(post.header("Authorization", credentials).build(), HttpResponse.BodyHandlers.discarding())
						.statusCode())
				.isEqualTo(200);
		}
		finally {
			app.close();
		}
	}

	@Test
	void withoutAPasswordClientsAndRoomsStayAnonymousWithoutAddressesAndTheRestIsRefused() {
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.enabled=false");
		try {
			ChatServer open = new ChatServer(app.getBean("tcpChatServer", StreamListener.class),
					app.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) app);
			try (LineClient alice = LineClient.connected(open.tcpPort())) {
				alice.command("/join open");
				alice.send("no nick here").readLine();
				HttpResponse<String> clients = open.getAnonymously("/actuator/clients");
				assertThat(clients.statusCode()).isEqualTo(200);
				assertThat((List<Object>) JsonPath.read(clients.body(), "$.clients[*].remoteAddress")).isNotEmpty()
					.containsOnlyNulls();
				assertThat(clients.body()).doesNotContain(alice.address());
				HttpResponse<String> history = open.getAnonymously("/actuator/rooms/open/history");
				assertThat(history.statusCode()).isEqualTo(200);
				assertThat((List<Object>) JsonPath.read(history.body(), "$.lines[*].from"))
					.as("a sender known by its address")
					.containsExactly((Object) null);
				assertThat(history.body()).contains("no nick here").doesNotContain(alice.address());
			}
			assertThat(open.getAnonymously("/actuator/rooms").statusCode()).isEqualTo(200);
			assertThat(open.getAnonymously("/actuator/bans").statusCode()).as("a ban list is addresses").isEqualTo(401);
			assertThat(open.getAnonymously("/actuator/health").body()).doesNotContain("components");
			assertThat(open.getAnonymously("/actuator/prometheus").statusCode()).isEqualTo(200);
			assertThat(open.http("POST", "/actuator/clients", "{\"message\": \"hi\"}", "admin:").statusCode()).isIn(401,
					403);
			assertThat(open.http("POST", "/actuator/clients", "{\"message\": \"hi\"}", ChatServer.ADMIN + ":x")
				.statusCode()).isIn(401, 403);
			assertThat(open.http("DELETE", "/actuator/clients/tcp-1", "", null).statusCode()).isIn(401, 403);
		}
		finally {
			app.close();
		}
	}

}
