package io.switchboard.tcp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.core.ClientRegistry;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16's smoke (the benchmark's code paths at CI size, not a timing assertion): idle
 * TCP connections hold no thread of their own, platform or virtual, and once they close
 * nothing of them is left: no file descriptor, no thread, no registry or listener entry.
 */
@SwitchboardTest({ "--spring.application.name=idle-connections", "--switchboard.max-clients-per-ip=0",
		"--switchboard.max-clients-per-ipv4-prefix=0", "--switchboard.max-clients=5000" })
class IdleConnectionsTests {

	private static final int CLIENTS = 2000;

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Autowired
	@Qualifier("tcpChatServer")
	StreamListener listener;

	@TempDir
	Path dumps;

	@Test
	void twoThousandIdleConnectionsAreHeldWithoutAThreadEachAndLeaveNothingBehind() throws Exception {
		int port = this.server.tcpPort();
		await().until(() -> this.registry.count() == 0);
		long fdsBefore = openFiles();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		int dumpedBefore = threadsInDump("before");

		List<SocketChannel> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
			}
			await().until(() -> this.registry.count() == CLIENTS);
			assertThat(this.listener.connectionCount()).isEqualTo(CLIENTS);
			// The test's own ends and the server's: two descriptors a connection, none
			// more
			// (other descriptors of the shared JVM may come and go meanwhile).
			assertThat(openFiles() - fdsBefore).isBetween(2L * CLIENTS - 20, 2L * CLIENTS + 50);
			assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
				.as("platform threads while %d connections are idle", CLIENTS)
				.isLessThan(20);
			// The old blocking door parked a virtual reader per connection: 2,000 here.
			assertThat(threadsInDump("held") - dumpedBefore)
				.as("threads, virtual ones included, while %d connections are idle", CLIENTS)
				.isLessThan(100);
		}
		finally {
			for (SocketChannel client : clients) {
				client.close();
			}
		}

		await().until(() -> this.registry.count() == 0 && this.listener.connectionCount() == 0);
		await().untilAsserted(() -> assertThat(openFiles()).isLessThanOrEqualTo(fdsBefore + 10));
		await().untilAsserted(() -> assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
			.isLessThanOrEqualTo(threadsBefore + 10));
	}

	private static long openFiles() throws IOException {
		try (var fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
	}

	/**
	 * Every thread the JVM knows of, virtual threads included (the JDK's JSON thread dump
	 * lists them).
	 */
	private int threadsInDump(String name) throws IOException {
		Path dump = this.dumps.resolve(name + ".json");
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
			.dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
		Matcher tid = Pattern.compile("\"tid\"").matcher(Files.readString(dump));
		int count = 0;
		while (tid.find()) {
			count++;
		}
		return count;
	}

}
