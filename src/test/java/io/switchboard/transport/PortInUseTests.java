package io.switchboard.transport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A listener that cannot bind its port or socket file stops start-up, with one message
 * naming the address and the setting to change: never a server running without a door.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseTests {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	@Test
	void aTakenTcpChatPortStopsStartupWithOneMessageNamingThePortAndItsSetting(CapturedOutput output)
			throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
			int port = taken.getLocalPort();
			FailureAnalysis analysis = failedStart("switchboard.tcp.port=" + port);
			assertThat(analysis.getDescription()).isEqualTo("Switchboard's TCP listener could not listen on 127.0.0.1:"
					+ port + ": the port is already in use.");
			assertThat(analysis.getAction()).isEqualTo(
					"Stop what holds the port, or set switchboard.tcp.port to another port (0 picks a free one).");
			assertThat(output).as("Spring Boot's report of the failure, from the registered analyzer")
				.contains("APPLICATION FAILED TO START")
				.contains(analysis.getDescription());
		}
	}

	@Test
	void aTcpChatHostThatIsNotThisMachinesStopsStartupNamingTheHostSetting() {
		// 192.0.2.0/24 is for documentation (RFC 5737): no machine has it.
		FailureAnalysis analysis = failedStart("switchboard.tcp.host=192.0.2.1");
		assertThat(analysis.getDescription()).startsWith("Switchboard's TCP listener could not listen on 192.0.2.1:0")
			.endsWith("this machine has no such address.");
		assertThat(analysis.getAction()).contains("switchboard.tcp.host");
	}

	@Test
	void aUdpChatHostThatDoesNotResolveStopsStartupNamingTheHostSetting() {
		// .invalid never resolves (RFC 2606).
		FailureAnalysis analysis = failedStart("switchboard.udp.host=switchboard.invalid");
		assertThat(analysis.getDescription())
			.isEqualTo("Switchboard's UDP listener could not listen on switchboard.invalid:0: "
					+ "this machine has no such address.");
		assertThat(analysis.getAction()).contains("switchboard.udp.host");
	}

	@Test
	void aTakenUdpChatPortStopsStartupNamingThePortAndItsSetting() throws IOException {
		try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
			int port = taken.getLocalPort();
			FailureAnalysis analysis = failedStart("switchboard.udp.port=" + port);
			assertThat(analysis.getDescription()).isEqualTo("Switchboard's UDP listener could not listen on 127.0.0.1:"
					+ port + ": the port is already in use.");
			assertThat(analysis.getAction()).contains("set switchboard.udp.port to another port");
		}
	}

	@Test
	void aTakenIrcPortStopsStartupNamingThePortAndItsSetting() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
			int port = taken.getLocalPort();
			FailureAnalysis analysis = failedStart("switchboard.irc.port=" + port);
			assertThat(analysis.getDescription()).isEqualTo("Switchboard's IRC listener could not listen on 127.0.0.1:"
					+ port + ": the port is already in use.");
			assertThat(analysis.getAction()).contains("set switchboard.irc.port to another port");
		}
	}

	@Test
	void aTakenIrcTlsPortBesideThePlainOneStopsStartupNamingTheTlsPortSetting() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
			int port = taken.getLocalPort();
			FailureAnalysis analysis = failedStart("switchboard.irc.tls-port=" + port, "switchboard.irc.ssl.bundle=irc",
					"spring.ssl.bundle.pem.irc.keystore.certificate=classpath:tls/server.crt",
					"spring.ssl.bundle.pem.irc.keystore.private-key=classpath:tls/server.key");
			assertThat(analysis.getDescription())
				.isEqualTo("Switchboard's IRC-TLS listener could not listen on 127.0.0.1:" + port
						+ ": the port is already in use.");
			assertThat(analysis.getAction()).contains("set switchboard.irc.tls-port to another port");
		}
	}

	@Test
	void aTakenTcpEchoPortStopsStartupNamingThePortAndItsSetting() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
			int port = taken.getLocalPort();
			FailureAnalysis analysis = failedStart("switchboard.echo.port=" + port);
			assertThat(analysis.getDescription())
				.isEqualTo("Switchboard's TCP echo listener could not listen on 127.0.0.1:" + port
						+ ": the port is already in use.");
			assertThat(analysis.getAction()).contains("set switchboard.echo.port to another port");
		}
	}

	@Test
	void aTakenUdpEchoPortStopsStartupNamingThePortAndItsSetting() throws IOException {
		try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
			int port = taken.getLocalPort();
			FailureAnalysis analysis = failedStart("switchboard.echo.udp-enabled=true",
					"switchboard.echo.port=" + port);
			assertThat(analysis.getDescription())
				.isEqualTo("Switchboard's UDP echo listener could not listen on 127.0.0.1:" + port
						+ ": the port is already in use.");
			assertThat(analysis.getAction()).contains("set switchboard.echo.port to another port");
		}
	}

	@Test
	void aUnixStreamPathAnotherServerListensOnStopsStartupNamingThePathSetting() throws IOException {
		Path stream = directory().resolve("s.sock");
		try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			other.bind(UnixDomainSocketAddress.of(stream));
			FailureAnalysis analysis = failedStart("switchboard.unix.stream-path=" + stream);
			assertThat(analysis.getDescription()).isEqualTo("Switchboard's Unix stream listener could not listen on "
					+ stream + ": another server is listening on it.");
			assertThat(analysis.getAction())
				.isEqualTo("Stop the other server, or set switchboard.unix.stream-path to another file.");
		}
	}

	@Test
	void aUnixDatagramPathThatCannotBeMadeStopsStartupNamingThePathSetting() throws IOException {
		// Its directory would be where a plain file is.
		Path file = Files.createFile(directory().resolve("not-a-directory"));
		Path datagram = file.resolve("d.sock");
		FailureAnalysis analysis = failedStart("switchboard.unix.datagram-path=" + datagram);
		assertThat(analysis.getDescription()).isEqualTo("Switchboard's Unix datagram listener could not listen on "
				+ datagram + ": FileAlreadyExistsException: " + file + ".");
		assertThat(analysis.getAction()).contains("switchboard.unix.datagram-path");
	}

	/**
	 * Starts the application on free loopback ports with the test's properties on top,
	 * expects it to fail, and analyzes the failure.
	 */
	private static FailureAnalysis failedStart(String... properties) {
		Map<String, String> args = new LinkedHashMap<>();
		for (String property : List.of("server.port=0", "server.address=127.0.0.1", "switchboard.tcp.port=0",
				"switchboard.tcp.host=127.0.0.1", "switchboard.udp.port=0", "switchboard.udp.host=127.0.0.1",
				"switchboard.irc.port=0", "switchboard.irc.host=127.0.0.1", "switchboard.echo.port=0",
				"switchboard.echo.host=127.0.0.1", "switchboard.admin.username=" + ChatServer.ADMIN,
				"switchboard.admin.password=" + ChatServer.PASSWORD)) {
			args.put(property.substring(0, property.indexOf('=')), property);
		}
		// The test's own replace the free ports (a key given twice would be joined).
		for (String property : properties) {
			args.put(property.substring(0, property.indexOf('=')), property);
		}
		String[] arguments = args.values().stream().map((property) -> "--" + property).toArray(String[]::new);
		Throwable failure = catchThrowable(
				() -> new SpringApplicationBuilder(SwitchboardApplication.class).run(arguments).close());
		assertThat(failure).as("start-up with " + List.of(properties)).isNotNull();
		FailureAnalysis analysis = new ListenerBindFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("the analysis of " + failure).isNotNull();
		return analysis;
	}

	private static Path directory() throws IOException {
		return Files.createDirectories(
				Path.of("target/unix-test/" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath());
	}

}
