package io.switchboard;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar for the tests that start it as a user would ({@code java -jar}), the
 * java that runs it, and ports to give it.
 */
public final class PackagedJar {

	private PackagedJar() {
	}

	/**
	 * The jar's path, as the build passes it in {@code switchboard.jar}.
	 */
	public static String path() {
		String jar = System.getProperty("switchboard.jar");
		assertThat(jar).as("system property switchboard.jar (set by the build)").isNotNull();
		assertThat(new File(jar)).exists();
		return jar;
	}

	/**
	 * The java running this test (the build's JDK 25; the default {@code java} may be
	 * older).
	 */
	public static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * A port free for both TCP and UDP (the chat port is both).
	 */
	public static int freePort() {
		while (true) {
			try (ServerSocket tcp = new ServerSocket(0); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
				return tcp.getLocalPort();
			}
			catch (IOException ex) {
				// taken for UDP: try another
			}
		}
	}

}
