package io.switchboard.deploy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's AOT cache training run ({@code java -Dspring.context.exit=onRefresh -jar
 * app.jar}, see the Dockerfile) refreshes the context and exits before any listener
 * starts: it must bind no port, so building the image with {@code --network=host} works
 * while something on the host holds the chat ports. Run as a real JVM, with every port it
 * is given already taken by this test.
 */
class AotTrainingRunTests {

	@Test
	void aContextThatOnlyRefreshesBindsNoPortAndExitsZeroWithItsPortsTaken(@TempDir Path dir) throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		try (ServerSocket tcp = new ServerSocket(0, 50, loopback);
				DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
				ServerSocket http = new ServerSocket(0, 50, loopback)) {
			int chat = tcp.getLocalPort();
			String java = ProcessHandle.current().info().command().orElse("java");
			Path output = dir.resolve("output.txt");
			Process run = new ProcessBuilder(java, "-Dspring.context.exit=onRefresh", "-cp",
					System.getProperty("java.class.path"), SwitchboardApplication.class.getName(),
					"--server.address=127.0.0.1", "--server.port=" + http.getLocalPort(),
					"--switchboard.tcp.host=127.0.0.1", "--switchboard.tcp.port=" + chat,
					"--switchboard.udp.host=127.0.0.1", "--switchboard.udp.port=" + chat,
					"--switchboard.irc.host=127.0.0.1", "--switchboard.irc.port=" + chat,
					"--switchboard.echo.host=127.0.0.1", "--switchboard.echo.port=" + chat,
					"--switchboard.echo.udp-enabled=true", "--logging.level.root=WARN")
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			boolean ended = run.waitFor(90, TimeUnit.SECONDS);
			if (!ended) {
				run.destroyForcibly();
			}
			String log = Files.readString(output, StandardCharsets.UTF_8);
			assertThat(ended).as("ended within 90 s; it logged:%n%s", log).isTrue();
			assertThat(run.exitValue()).as("exit status; it logged:%n%s", log).isZero();
			assertThat(log).doesNotContain("could not listen").doesNotContain("APPLICATION FAILED TO START");
		}
	}

}
