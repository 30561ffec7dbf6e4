package io.switchboard.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded connection storm on loopback from several source addresses: the per-IP and
 * global limits hold, and every refused connection is told why.
 */
@SwitchboardTest({ "--switchboard.max-clients=30", "--switchboard.max-clients-per-ip=12" })
class ConnectionStormTests {

	@Autowired
	ChatServer server;

	@Autowired
	ClientRegistry registry;

	@Test
	void perIpAndGlobalLimitsHoldUnderAConnectionStorm() throws Exception {
		int port = this.server.tcpPort();
		List<Socket> sockets = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 160; i++) {
				String source = "127.0.0." + (1 + i % 4); // 40 attempts from each of 4
															// addresses
				answers.add(pool.submit(() -> {
					Socket socket = new Socket();
					synchronized (sockets) {
						sockets.add(socket);
					}
					socket.bind(new InetSocketAddress(source, 0));
					socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
					socket.setSoTimeout(10_000);
					String first = new BufferedReader(
							new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
						.readLine();
					return source + " " + first;
				}));
			}
			List<String> lines = new ArrayList<>();
			for (Future<String> answer : answers) {
				lines.add(answer.get());
			}
			long admitted = lines.stream().filter((line) -> line.contains("* welcome")).count();
			assertThat(admitted).as("the global limit").isEqualTo(30);
			for (int a = 1; a <= 4; a++) {
				String source = "127.0.0." + a + " ";
				assertThat(
						lines.stream().filter((line) -> line.startsWith(source) && line.contains("* welcome")).count())
					.as("the per-IP limit for " + source)
					.isLessThanOrEqualTo(12);
			}
			assertThat(lines).allMatch((line) -> line.contains("* welcome") || line.endsWith(" ERR server full")
					|| line.endsWith(" ERR too many connections from your address (max 12)"));
			assertThat(this.registry.count()).isEqualTo(30);
		}
		finally {
			pool.shutdownNow();
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

}
