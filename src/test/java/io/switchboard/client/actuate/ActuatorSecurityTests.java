package io.switchboard.client.actuate;

import java.net.DatagramSocket;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

@SwitchboardTest
class ActuatorSecurityTests {

	@Autowired
	ChatServer server;

	@Test
	void readsAreAnonymous() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/info",
				"/actuator/metrics", "/actuator/prometheus", "/actuator/clients", "/actuator/rooms",
				"/actuator/rooms/lobby/history" }) {
			assertThat(this.server.http("GET", path, "", null).statusCode()).as(path).isEqualTo(200);
		}
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
			assertThat(this.server.http("POST", "/actuator/clients", body, ChatServer.ADMIN + ":wrong").statusCode())
				.isEqualTo(401);
			assertThat(this.server.http("DELETE", "/actuator/clients/" + id, "", null).statusCode()).isEqualTo(401);
			assertThat(this.server.get("/actuator/clients/" + id).statusCode()).as("still connected").isEqualTo(200);
			assertThat(this.server.http("POST", "/actuator/clients", body).statusCode()).isEqualTo(200);
			assertThat(alice.readLine()).isEqualTo("* [operator] hi");
		}
	}

	@Test
	void onASeparateManagementPortReadsStayOpenAndWritesStayProtected() throws Exception {
		int management;
		try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
			management = free.getLocalPort();
		}
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--management.server.port=" + management,
				"--management.server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.tcp.host=127.0.0.1",
				"--switchboard.udp.port=0", "--switchboard.udp.host=127.0.0.1", "--switchboard.echo.enabled=false",
				"--switchboard.admin.password=" + ChatServer.PASSWORD,
				"--switchboard.admin.username=" + ChatServer.ADMIN);
		try {
			java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
			String base = "http://127.0.0.1:" + management + "/actuator";
			assertThat(http
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
						java.net.http.HttpResponse.BodyHandlers.discarding())
				.statusCode()).isEqualTo(200);
			java.net.http.HttpRequest.Builder post = java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(base + "/clients"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\": \"hi\"}"));
			assertThat(http.send(post.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode())
				.isEqualTo(401);
			String credentials = java.util.Base64.getEncoder()
				.encodeToString((ChatServer.ADMIN + ":" + ChatServer.PASSWORD).getBytes());
			assertThat(http
				.send(post.header("Authorization", "Basic " + credentials).build(),
						java.net.http.HttpResponse.BodyHandlers.discarding())
				.statusCode()).isEqualTo(200);
		}
		finally {
			app.close();
		}
	}

	@Test
	void withoutAConfiguredPasswordWritesAreRefusedEvenWithCredentials() {
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--switchboard.tcp.port=0",
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.echo.enabled=false");
		try {
			ChatServer open = new ChatServer(app.getBean("tcpChatServer", TcpNetServerConnectionFactory.class),
					app.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) app);
			assertThat(open.http("GET", "/actuator/clients", "", null).statusCode()).isEqualTo(200);
			assertThat(open.http("POST", "/actuator/clients", "{\"message\": \"hi\"}", "admin:").statusCode()).isIn(401,
					403);
			assertThat(open.http("POST", "/actuator/clients", "{\"message\": \"hi\"}").statusCode()).isIn(401, 403);
			assertThat(open.http("DELETE", "/actuator/clients/tcp-1", "").statusCode()).isIn(401, 403);
		}
		finally {
			app.close();
		}
	}

}
