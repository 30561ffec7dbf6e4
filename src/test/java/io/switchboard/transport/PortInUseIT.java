package io.switchboard.transport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.switchboard.PackagedJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started as a user would ({@code java -jar}) with its chat port taken:
 * it exits, never runs half-started, and says which setting to change.
 */
class PortInUseIT {

	private Process process;

	@AfterEach
	void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void aTakenChatPortMakesTheJarExitNonZeroWithTheSentenceNamingThePortAndItsSetting() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			Path log = Files.createTempFile("switchboard-port-in-use", ".log");
			this.process = new ProcessBuilder(PackagedJar.java(), "-jar", PackagedJar.path(),
					"--switchboard.tcp.host=127.0.0.1", "--switchboard.tcp.port=" + port,
					"--switchboard.udp.host=127.0.0.1", "--switchboard.udp.port=0", "--switchboard.echo.host=127.0.0.1",
					"--switchboard.echo.port=0", "--switchboard.irc.host=127.0.0.1", "--switchboard.irc.port=0",
					"--server.address=127.0.0.1", "--server.port=0")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
			assertThat(this.process.exitValue()).isNotZero();
			assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
				.contains("Switchboard's TCP listener could not listen on 127.0.0.1:" + port
						+ ": the port is already in use.")
				.contains("set switchboard.tcp.port to another port (0 picks a free one)");
		}
	}

}
