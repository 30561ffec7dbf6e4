package io.switchboard.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy ({@code mode tcp}, {@code send-proxy-v2}) in front of the chat port, on
 * loopback: clients from 127.0.0.2 and 127.0.0.3 reach the server only through it (from
 * 127.0.0.1, the trusted proxy), and the server sees and limits their own addresses.
 * Skipped when no {@code haproxy} binary is installed (Debian: {@code apt-get install
 * haproxy}; CI installs it).
 */
@SwitchboardTest({ "--switchboard.tcp.proxy-protocol=v2", "--switchboard.tcp.proxy-trusted=127.0.0.1",
		"--switchboard.max-clients-per-ip=1" })
class ProxyProtocolHaproxyTests {

	@Autowired
	ChatServer server;

	@TempDir
	Path dir;

	private Process haproxy;

	private int frontPort;

	@BeforeEach
	void startHaproxy() throws Exception {
		Optional<Path> binary = binary();
		assumeThat(binary).as("haproxy is not installed (apt-get install haproxy)").isPresent();
		this.frontPort = freePort();
		Path config = this.dir.resolve("haproxy.cfg");
		Files.writeString(config, """
				global
				    maxconn 64
				defaults
				    mode tcp
				    timeout connect 5s
				    timeout client 60s
				    timeout server 60s
				frontend chat
				    bind 127.0.0.1:%d
				    default_backend switchboard
				backend switchboard
				    server s1 127.0.0.1:%d send-proxy-v2
				""".formatted(this.frontPort, this.server.tcpPort()));
		this.haproxy = new ProcessBuilder(binary.get().toString(), "-db", "-f", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("haproxy.log").toFile())
			.start();
		await().until(() -> {
			assertThat(this.haproxy.isAlive()).as(this::haproxyLog).isTrue();
			try (Socket probe = new Socket()) {
				probe.bind(new InetSocketAddress("127.0.0.9", 0));
				probe.connect(new InetSocketAddress("127.0.0.1", this.frontPort), 1000);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	@AfterEach
	void stopHaproxy() throws InterruptedException {
		if (this.haproxy != null) {
			this.haproxy.destroy();
			if (!this.haproxy.waitFor(10, TimeUnit.SECONDS)) {
				this.haproxy.destroyForcibly();
			}
		}
	}

	@Test
	void clientsBehindHaproxyAreSeenAndLimitedByTheirOwnAddresses() throws IOException {
		try (Socket firstSocket = ProxyHeaders.connect("127.0.0.2", this.frontPort);
				LineClient first = new LineClient(firstSocket)) {
			String firstAddress = "127.0.0.2:" + firstSocket.getLocalPort();
			assertThat(first.readLine()).startsWith("* welcome to switchboard, you are " + firstAddress + " ");
			try (LineClient sameHost = new LineClient(ProxyHeaders.connect("127.0.0.2", this.frontPort))) {
				assertThat(sameHost.readLine()).isEqualTo("ERR too many connections from your address (max 1)");
			}
			try (Socket otherSocket = ProxyHeaders.connect("127.0.0.3", this.frontPort);
					LineClient otherHost = new LineClient(otherSocket)) {
				String otherAddress = "127.0.0.3:" + otherSocket.getLocalPort();
				assertThat(otherHost.readLine()).startsWith("* welcome to switchboard, you are " + otherAddress + " ");
				assertThat(this.server.getAsAdmin("/actuator/clients").body()).contains(firstAddress, otherAddress)
					.doesNotContain("127.0.0.1:");
				first.command("/join behind-haproxy");
				otherHost.command("/join behind-haproxy");
				first.send("hello through haproxy");
				assertThat(otherHost.readLine()).endsWith(" " + firstAddress + " hello through haproxy");
			}
		}
	}

	private String haproxyLog() {
		try {
			return "haproxy exited: " + Files.readString(this.dir.resolve("haproxy.log"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "haproxy exited";
		}
	}

	private static Optional<Path> binary() {
		String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
		return Stream.of(path.split(":"))
			.filter((entry) -> !entry.isEmpty())
			.map((entry) -> Path.of(entry, "haproxy"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
