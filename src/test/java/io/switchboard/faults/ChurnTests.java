package io.switchboard.faults;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.core.ClientRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 connect/disconnect cycles, some closed cleanly and some reset: nothing leaks.
 */
@SwitchboardTest("--spring.application.name=churn")
class ChurnTests {

	private static final int CYCLES = 10_000;

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void connectionChurnLeavesNoClientsDescriptorsThreadsOrHeapBehind() throws Exception {
		int port = this.server.tcpPort();
		churn(port, 200); // warm up: lazily made pools, classes, buffers
		await().until(() -> this.registry.count() == 0);
		long fds = openFileDescriptors();
		int threads = ManagementFactory.getThreadMXBean().getThreadCount();
		long heap = heapAfterGc();

		churn(port, CYCLES);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.registry.count()).isZero();
			assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fds + 10);
			assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as("platform threads")
				.isLessThanOrEqualTo(threads + 4);
		});
		assertThat(heapAfterGc()).as("heap after GC").isLessThan(heap + 32 * 1024 * 1024);
		assertThat(this.server.get("/actuator/prometheus").body()).containsPattern(
				"switchboard_connections_opened_total\\{application=\"switchboard\",protocol=\"tcp\"} 10[0-9]{3}");
	}

	private static void churn(int port, int cycles) throws InterruptedException {
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < cycles; i++) {
				boolean reset = i % 3 == 0;
				boolean readGreeting = i % 2 == 0;
				pool.execute(() -> cycle(port, reset, readGreeting));
			}
			pool.shutdown();
			assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
		}
	}

	static void cycle(int port, boolean reset, boolean readGreeting) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(10_000);
			if (readGreeting) {
				InputStream in = socket.getInputStream();
				while (in.read() != '\n') {
					// the greeting
				}
			}
			if (reset) {
				socket.setSoLinger(true, 0);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long openFileDescriptors() throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
	}

	static long heapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
