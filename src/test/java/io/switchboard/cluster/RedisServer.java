package io.switchboard.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} (the Debian package) on a free loopback port, without
 * persistence; it can be stopped and started again on the same port. Tests skip when it
 * is not installed, unless {@code -Dswitchboard.redis.required=true} (as in CI) makes
 * that a failure.
 */
public final class RedisServer implements AutoCloseable {

	private final Path binary;

	private final int port;

	private final Path log;

	private final Path dir;

	private final List<String> options;

	private Process process;

	private RedisServer(Path binary, int port, List<String> options) throws IOException {
		this.binary = binary;
		this.port = port;
		this.options = options;
		this.log = Files.createTempFile("redis-" + port, ".log");
		this.dir = Files.createTempDirectory("redis-" + port);
	}

	public static RedisServer start() {
		return start(List.of());
	}

	/**
	 * @param options more {@code redis-server} options ({@code --name value ...})
	 */
	static RedisServer start(List<String> options) {
		Optional<Path> binary = find("redis-server");
		if (binary.isEmpty()) {
			String reason = "redis-server is not installed (apt-get install redis-server)";
			if (Boolean.getBoolean("switchboard.redis.required")) {
				throw new IllegalStateException(reason);
			}
			Assumptions.abort(reason);
		}
		try {
			RedisServer server = new RedisServer(binary.get(), freePort(), options);
			server.restart();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A loopback port nothing listens on now.
	 */
	static int freePort() {
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return free.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Start it (again) on its port; returns once it answers PING.
	 */
	void restart() {
		try {
			List<String> command = new ArrayList<>(
					List.of(this.binary.toString(), "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
							"--save", "", "--appendonly", "no", "--dir", this.dir.toString()));
			command.addAll(this.options);
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(this::answersPing);
	}

	/**
	 * Kill it: clients see the connection drop, as when a Redis pod dies.
	 */
	void stop() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean answersPing() throws IOException {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("redis-server exited: " + Files.readString(this.log));
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * A Redis program ({@code redis-server}, {@code redis-cli}, {@code redis-sentinel}).
	 */
	static Optional<Path> find(String program) {
		return Stream
			.concat(Stream.of(System.getenv("PATH").split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/sbin"))
			.map((dir) -> Path.of(dir, program))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
