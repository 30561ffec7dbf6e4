package io.switchboard.http;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a separate management port (the chart's {@code ports.management}) forwarded headers
 * are believed from {@code switchboard.http.trusted-proxies} only, as on the HTTP port: a
 * client on loopback cannot spread its failed admin logins over addresses it names.
 */
class ManagementPortForwardedHeadersTests {

	@Test
	void failedLoginsAreThrottledByTheRealAddressWhateverXForwardedForSaysOnEitherPort() throws Exception {
		int management;
		try (ServerSocket free = new ServerSocket(0)) {
			management = free.getLocalPort();
		}
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--management.server.port=" + management,
				"--management.server.address=127.0.0.1", "--server.forward-headers-strategy=native",
				"--switchboard.tcp.port=0", "--switchboard.irc.port=0", "--switchboard.irc.host=127.0.0.1",
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.echo.enabled=false", "--switchboard.admin.password=right",
				"--switchboard.admin.login-failures-per-minute=2");
		try {
			int http = ((WebServerApplicationContext) app).getWebServer().getPort();
			assertThat(wrongLogins(management)).as("management port").contains(429);
			assertThat(wrongLogins(http)).as("HTTP port").contains(429);
		}
		finally {
			app.close();
		}
	}

	private static List<Integer> wrongLogins(int port) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
		List<Integer> statuses = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/clients"))
				.header("Authorization", wrong)
				.header("X-Forwarded-For", "203.0.113." + i)
				.build();
			statuses.add(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
		}
		return statuses;
	}

}
