package io.switchboard.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A Redis master with one replica, watched by one {@code redis-sentinel} (the Debian
 * package) that fails over a second after the master stops answering; all on free
 * loopback ports. Its master's name is {@value #MASTER}.
 */
final class RedisSentinel implements AutoCloseable {

	static final String MASTER = "switchboard";

	private final RedisServer master;

	private final RedisServer replica;

	private final Process sentinel;

	private final int port;

	private final Path cli;

	private RedisSentinel(RedisServer master, RedisServer replica, Process sentinel, int port, Path cli) {
		this.master = master;
		this.replica = replica;
		this.sentinel = sentinel;
		this.port = port;
		this.cli = cli;
	}

	static RedisSentinel start() {
		Path binary = RedisServer.find("redis-sentinel").orElse(null);
		Path cli = RedisServer.find("redis-cli").orElse(null);
		if (binary == null || cli == null) {
			String reason = "redis-sentinel is not installed (apt-get install redis-sentinel)";
			if (Boolean.getBoolean("switchboard.redis.required")) {
				throw new IllegalStateException(reason);
			}
			Assumptions.abort(reason);
		}
		RedisServer master = RedisServer.start();
		RedisServer replica = RedisServer.start(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
		try {
			int port;
			try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = free.getLocalPort();
			}
			Path dir = Files.createTempDirectory("sentinel-" + port);
			Path config = dir.resolve("sentinel.conf");
			// Sentinel rewrites its configuration file: it must be its own and writable.
			Files.writeString(config,
					String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + dir,
							"sentinel monitor " + MASTER + " 127.0.0.1 " + master.port() + " 1",
							"sentinel down-after-milliseconds " + MASTER + " 1000",
							"sentinel failover-timeout " + MASTER + " 10000", ""));
			Process sentinel = new ProcessBuilder(binary.toString(), config.toString()).redirectErrorStream(true)
				.redirectOutput(dir.resolve("sentinel.log").toFile())
				.start();
			RedisSentinel redis = new RedisSentinel(master, replica, sentinel, port, cli);
			// Ready once the sentinel knows the replica it would promote.
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> redis.cli(port, "sentinel", "replicas", MASTER)
					.contains(Integer.toString(replica.port())));
			return redis;
		}
		catch (IOException ex) {
			master.close();
			replica.close();
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code spring.data.redis.sentinel.nodes}. */
	String nodes() {
		return "127.0.0.1:" + this.port;
	}

	RedisServer master() {
		return this.master;
	}

	/**
	 * Whether the sentinel names the replica as the master now.
	 */
	boolean failedOver() {
		return this.cli(this.port, "sentinel", "get-master-addr-by-name", MASTER)
			.contains(Integer.toString(this.replica.port()));
	}

	/**
	 * Run a command on the master the sentinel names now.
	 */
	String onMaster(String... args) {
		String address = cli(this.port, "sentinel", "get-master-addr-by-name", MASTER);
		int master = Integer.parseInt(address.lines().skip(1).findFirst().orElseThrow().trim());
		return cli(master, args);
	}

	private String cli(int port, String... args) {
		List<String> command = new ArrayList<>(
				List.of(this.cli.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(30, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.sentinel.destroyForcibly();
		this.replica.close();
		this.master.close();
	}

}
