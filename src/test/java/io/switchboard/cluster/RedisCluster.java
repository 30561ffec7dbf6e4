package io.switchboard.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis Cluster of three masters with a replica each: six {@code redis-server
 * --cluster-enabled yes} processes on free loopback ports (node timeout 2 s), joined by
 * {@code redis-cli --cluster create}. Made once per test class: it takes a few seconds.
 */
final class RedisCluster implements AutoCloseable {

	private final List<RedisServer> servers;

	private final Path cli;

	private RedisCluster(List<RedisServer> servers, Path cli) {
		this.servers = servers;
		this.cli = cli;
	}

	static RedisCluster start() {
		Path cli = RedisServer.find("redis-cli").orElse(null);
		if (cli == null) {
			Assumptions.abort("redis-cli is not installed (apt-get install redis-tools)");
		}
		List<RedisServer> servers = new ArrayList<>();
		RedisCluster cluster = new RedisCluster(servers, cli);
		try {
			for (int i = 0; i < 6; i++) {
				// The cluster bus on a free port of its own: by default it is the port +
				// 10000, which for a free port from the ephemeral range may be taken or
				// past 65535.
				servers.add(RedisServer.start(
						List.of("--cluster-enabled", "yes", "--cluster-node-timeout", "2000", "--cluster-config-file",
								"nodes.conf", "--cluster-port", Integer.toString(RedisServer.freePort()))));
			}
			List<String> create = new ArrayList<>(List.of("--cluster", "create"));
			servers.forEach((server) -> create.add("127.0.0.1:" + server.port()));
			create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
			cluster.cli(servers.getFirst().port(), create.toArray(String[]::new));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> servers.stream()
					.allMatch((server) -> cluster.cli(server.port(), "cluster", "info").contains("cluster_state:ok"))
						&& cluster.masters().size() == 3);
			return cluster;
		}
		catch (RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
	}

	/** {@code spring.data.redis.cluster.nodes}: every node's address. */
	String nodes() {
		return this.servers.stream().map((server) -> "127.0.0.1:" + server.port()).collect(Collectors.joining(","));
	}

	/**
	 * The ports of the masters that are up, as a live node sees the cluster.
	 */
	List<Integer> masters() {
		for (RedisServer server : this.servers) {
			String nodes;
			try {
				nodes = cli(server.port(), "cluster", "nodes");
			}
			catch (IllegalStateException ex) {
				continue; // killed
			}
			return nodes.lines()
				.map((line) -> line.split(" "))
				.filter((fields) -> fields.length > 2 && fields[2].contains("master") && !fields[2].contains("fail")
						&& fields.length > 8)
				.map((fields) -> Integer
					.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@'))))
				.toList();
		}
		throw new IllegalStateException("no node of the cluster answers");
	}

	/**
	 * The keys of one node matching a pattern.
	 */
	List<String> keys(int port, String pattern) {
		String out = cli(port, "--scan", "--pattern", pattern);
		return out.lines().filter((line) -> !line.isBlank()).toList();
	}

	/**
	 * Kill a node, as when its machine dies.
	 */
	void kill(int port) {
		this.servers.stream().filter((server) -> server.port() == port).findFirst().orElseThrow().stop();
	}

	/**
	 * Start a killed node again, on its port, with its cluster configuration: it comes
	 * back as a replica of the master that took its place.
	 */
	void restart(int port) {
		this.servers.stream().filter((server) -> server.port() == port).findFirst().orElseThrow().restart();
	}

	/**
	 * Whether the cluster lists a node as a replica that is up.
	 */
	boolean isReplica(int port) {
		return cli(port, "cluster", "nodes").lines()
			.anyMatch((line) -> line.contains("myself") && line.contains("slave") && !line.contains("fail"));
	}

	/**
	 * How many shard channel subscriptions the clients of one node hold ({@code ssub} of
	 * {@code CLIENT LIST}).
	 */
	int shardSubscriptions(int port) {
		return Pattern.compile("ssub=(\\d+)")
			.matcher(cli(port, "client", "list"))
			.results()
			.mapToInt((match) -> Integer.parseInt(match.group(1)))
			.sum();
	}

	/**
	 * Run {@code redis-cli -p PORT ARGS...}.
	 * @return what it printed
	 * @throws IllegalStateException if it failed
	 */
	String cli(int port, String... args) {
		List<String> command = new ArrayList<>(
				List.of(this.cli.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
		command.addAll(Arrays.asList(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0
					|| out.startsWith("Could not connect")) {
				throw new IllegalStateException("redis-cli " + String.join(" ", args) + ": " + out);
			}
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
		this.servers.forEach(RedisServer::stop);
	}

}
