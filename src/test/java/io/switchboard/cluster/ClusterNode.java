package io.switchboard.cluster;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardApplication;
import io.switchboard.transport.StreamListener;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * One Switchboard node of a test cluster: the whole application on free loopback ports,
 * joined to a Redis with fast heartbeats.
 */
public final class ClusterNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final ChatServer server;

	private ClusterNode(ConfigurableApplicationContext context) {
		this.context = context;
		this.server = new ChatServer(context.getBean("tcpChatServer", StreamListener.class),
				context.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) context);
	}

	public static ClusterNode start(String name, int redisPort, String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--switchboard.tcp.port=0", "--switchboard.irc.port=0", "--switchboard.irc.host=127.0.0.1",
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.echo.enabled=false", "--switchboard.client.rate=0", "--switchboard.client.byte-rate=0",
				"--switchboard.accept-rate-per-ip=0", "--switchboard.udp.join-rate-per-ip=0",
				"--switchboard.admin.username=" + ChatServer.ADMIN,
				"--switchboard.admin.password=" + ChatServer.PASSWORD, "--switchboard.cluster.enabled=true",
				"--switchboard.cluster.node-id=" + name, "--switchboard.cluster.heartbeat=200ms",
				"--switchboard.cluster.ttl=1s", "--switchboard.cluster.reconnect-max=500ms",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort));
		args.addAll(List.of(extra));
		ClusterNode node = new ClusterNode(
				new SpringApplicationBuilder(SwitchboardApplication.class).run(args.toArray(String[]::new)));
		node.awaitLinked();
		return node;
	}

	public ChatServer server() {
		return this.server;
	}

	int tcpPort() {
		return this.server.tcpPort();
	}

	int udpPort() {
		return this.server.udpPort();
	}

	RedisClusterBridge bridge() {
		return this.context.getBean(RedisClusterBridge.class);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Waits up to 30 s: on a loaded machine a node's first link to a Redis Cluster (its
	 * topology read, its subscriptions confirmed) took more than Awaitility's 10 s.
	 */
	void awaitLinked() {
		await().atMost(Duration.ofSeconds(30)).until(bridge()::isUp);
	}

	double counter(String name) {
		return bean(MeterRegistry.class).counter(name).count();
	}

	/**
	 * Close nodes and Redis in this order, each even if one before failed; nulls (never
	 * started) are skipped.
	 */
	static void closeAll(AutoCloseable... closeables) {
		for (AutoCloseable closeable : closeables) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// closing the rest anyway
			}
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
