package io.switchboard.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.switchboard.LineClient;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The image built from the real Dockerfile, run with podman as a user runs it with
 * docker. {@code .ci/run} builds it and passes {@code -Dswitchboard.image}; without that
 * property the test is skipped with the reason. The container shares the host network and
 * listens on loopback only, so no traffic leaves 127.0.0.1.
 */
class ContainerImageIT {

	private final String image = System.getProperty("switchboard.image", "");

	private final String container = "switchboard-it-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void requireImage() {
		assumeThat(this.image)
			.as("container image to test: " + System.getProperty("switchboard.image.unavailable",
					"run .ci/run, or pass -Dswitchboard.image=NAME"))
			.isNotBlank();
	}

	@AfterEach
	void remove() throws Exception {
		if (!this.image.isBlank()) {
			podman("rm", "-f", "--time", "0", this.container);
		}
	}

	@Test
	void imageRunsAsNonRootWithExecEntrypointHealthcheckAndAllPorts() throws Exception {
		String config = podman("image", "inspect", this.image, "--format",
				"{{json .Config.User}} {{json .Config.ExposedPorts}} {{json .Config.Entrypoint}} {{json .HealthCheck}}");
		assertThat(config).startsWith("\"10001:10001\"")
			.contains("\"9999/tcp\"", "\"9999/udp\"", "\"9007/tcp\"", "\"9007/udp\"", "\"8080/tcp\"")
			.contains("[\"java\",")
			.contains("io.switchboard.health.HealthCheck");
	}

	@Test
	void containerChatsOverTcpAndUdpReportsHealthAndStopsGracefullyBeforeTheKillTimeout() throws Exception {
		int chat = freePort();
		int http = freePort();
		podman("run", "-d", "--pull=never", "--name", this.container, "--network=host", "-e",
				"SWITCHBOARD_TCP_HOST=127.0.0.1", "-e", "SWITCHBOARD_UDP_HOST=127.0.0.1", "-e",
				"SWITCHBOARD_ECHO_HOST=127.0.0.1", "-e", "SERVER_ADDRESS=127.0.0.1", "-e",
				"SWITCHBOARD_TCP_PORT=" + chat, "-e", "SWITCHBOARD_UDP_PORT=" + chat, "-e",
				"SWITCHBOARD_ECHO_PORT=" + freePort(), "-e", "SERVER_PORT=" + http, this.image);
		HttpClient client = HttpClient.newHttpClient();
		URI health = URI.create("http://127.0.0.1:" + http + "/actuator/health");
		await().atMost(Duration.ofSeconds(90))
			.ignoreExceptions()
			.until(() -> client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 200);
		podman("healthcheck", "run", this.container);

		try (LineClient alice = LineClient.connected(chat);
				LineClient bob = LineClient.connected(chat);
				UdpProbe udp = new UdpProbe(chat)) {
			udp.join();
			alice.send("hello from the container test");
			assertThat(bob.readLine()).endsWith(alice.address() + " hello from the container test");
			assertThat(udp.receive()).endsWith(alice.address() + " hello from the container test");
			udp.send("and from udp");
			assertThat(alice.readUntil((line) -> line.endsWith(" and from udp"))).endsWith(udp.id() + " and from udp");
			String clients = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/actuator/clients")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(clients).as("anonymous: nobody's address")
				.contains("\"count\":3", udp.id())
				.doesNotContain(alice.address(), bob.address(), udp.address());

			long started = System.nanoTime();
			podman("stop", "-t", "10", this.container);
			Duration stop = Duration.ofNanos(System.nanoTime() - started);
			assertThat(bob.readUntil((line) -> line.startsWith("* "))).isEqualTo("* server shutting down");
			assertThat(bob.readToEnd()).as("closed with FIN after the notice").isEmpty();
			assertThat(stop).as("ended by itself, before docker's 10s kill timeout").isLessThan(Duration.ofSeconds(9));
			assertThat(podman("inspect", this.container, "--format", "{{.State.ExitCode}}").strip())
				.as("SIGTERM exit status, not SIGKILL's 137")
				.isEqualTo("143");
		}
		assertThat(podman("logs", this.container)).contains("Shutdown of 3 clients done").doesNotContain(" ERROR ");
	}

	/**
	 * With actuator on a port of its own, the HEALTHCHECK asks that port: it asked
	 * SERVER_PORT, got 404 there, and reported a healthy container unhealthy.
	 */
	@Test
	void healthcheckAsksTheManagementPortWhenActuatorHasItsOwn() throws Exception {
		int management = freePort();
		podman("run", "-d", "--pull=never", "--name", this.container, "--network=host", "-e",
				"SWITCHBOARD_TCP_HOST=127.0.0.1", "-e", "SWITCHBOARD_UDP_HOST=127.0.0.1", "-e",
				"SWITCHBOARD_ECHO_HOST=127.0.0.1", "-e", "SERVER_ADDRESS=127.0.0.1", "-e",
				"MANAGEMENT_SERVER_ADDRESS=127.0.0.1", "-e", "SWITCHBOARD_TCP_PORT=" + freePort(), "-e",
				"SWITCHBOARD_UDP_PORT=" + freePort(), "-e", "SWITCHBOARD_ECHO_PORT=" + freePort(), "-e",
				"SERVER_PORT=" + freePort(), "-e", "MANAGEMENT_SERVER_PORT=" + management, this.image);
		HttpClient client = HttpClient.newHttpClient();
		URI readiness = URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness");
		await().atMost(Duration.ofSeconds(90))
			.ignoreExceptions()
			.until(() -> client.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 200);
		podman("healthcheck", "run", this.container);
	}

	private static String podman(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("podman"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
		return text;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
