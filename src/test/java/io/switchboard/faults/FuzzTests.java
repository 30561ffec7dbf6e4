package io.switchboard.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bounded fuzz run (fixed seed, 10,000 payloads over TCP and UDP) while three
 * well-behaved clients chat in the same room: they get every one of their messages, in
 * order, and the server still serves newcomers.
 */
@SwitchboardTest("--spring.application.name=fuzz")
class FuzzTests {

	private static final long SEED = 20261123L;

	private static final int TCP_CONNECTIONS = 400;

	private static final int PAYLOADS_PER_CONNECTION = 20;

	private static final int DATAGRAMS = 2_000;

	private static final int GOOD_MESSAGES = 200;

	@Autowired
	ChatServer server;

	@Test
	void garbageCostsTheSenderOnlyAndWellBehavedClientsGetEverythingInOrder() throws Exception {
		int port = this.server.tcpPort();
		ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
		AtomicInteger payloads = new AtomicInteger();
		try (LineClient a = LineClient.connected(port);
				LineClient b = LineClient.connected(port);
				LineClient c = LineClient.connected(port)) {
			LineClient[] good = { a, b, c };
			List<Future<List<String>>> seen = new ArrayList<>();
			for (LineClient client : good) {
				seen.add(pool.submit(() -> {
					List<String> mine = new ArrayList<>();
					while (mine.size() < good.length * GOOD_MESSAGES) {
						String line = client.readLine();
						int marker = line.indexOf(" good ");
						if (marker >= 0) {
							mine.add(line.substring(marker + 1));
						}
					}
					return mine;
				}));
			}
			Future<?> tcpFuzz = pool.submit(() -> fuzzTcp(port, payloads));
			Future<?> udpFuzz = pool.submit(() -> fuzzUdp(this.server.udpPort(), payloads));
			for (int m = 0; m < GOOD_MESSAGES; m++) {
				for (int g = 0; g < good.length; g++) {
					good[g].send("good " + g + " " + m);
				}
			}
			tcpFuzz.get(120, TimeUnit.SECONDS);
			udpFuzz.get(120, TimeUnit.SECONDS);
			assertThat(payloads.get()).isGreaterThanOrEqualTo(10_000);
			for (Future<List<String>> future : seen) {
				List<String> lines = future.get(60, TimeUnit.SECONDS);
				for (int g = 0; g < good.length; g++) {
					String prefix = "good " + g + " ";
					List<String> fromG = lines.stream().filter((line) -> line.startsWith(prefix)).toList();
					assertThat(fromG).hasSize(GOOD_MESSAGES);
					for (int m = 0; m < GOOD_MESSAGES; m++) {
						assertThat(fromG.get(m)).isEqualTo(prefix + m);
					}
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		// Once the fuzzers' connections are gone (closed, or at most 2s after their
		// goodbye) the per-address limit lets newcomers in again.
		await().untilAsserted(() -> {
			try (LineClient newcomer = new LineClient(port)) {
				assertThat(newcomer.readLine()).startsWith("* welcome");
				assertThat(newcomer.command("/ping")).isEqualTo("* pong");
			}
		});
		try (UdpProbe peer = new UdpProbe(this.server.udpPort())) {
			assertThat(peer.join()).startsWith("* welcome");
		}
	}

	private static void fuzzTcp(int port, AtomicInteger payloads) {
		Random random = new Random(SEED);
		try (ExecutorService connections = Executors.newFixedThreadPool(8)) {
			List<CompletableFuture<Void>> all = new ArrayList<>();
			for (int i = 0; i < TCP_CONNECTIONS; i++) {
				long seed = random.nextLong();
				all.add(CompletableFuture.runAsync(() -> fuzzConnection(port, new Random(seed), payloads),
						connections));
			}
			CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
		}
	}

	static void fuzzConnection(int port, Random random, AtomicInteger payloads) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			OutputStream out = socket.getOutputStream();
			for (int p = 0; p < PAYLOADS_PER_CONNECTION; p++) {
				out.write(payload(random));
				payloads.incrementAndGet();
			}
			switch (random.nextInt(3)) {
				case 0 -> socket.setSoLinger(true, 0); // RST, maybe mid-line
				case 1 -> socket.shutdownOutput(); // EOF, maybe after a partial line
				default -> {
				}
			}
		}
		catch (IOException ex) {
			// the server may close a fuzzer first (too long, flood): that is the point
		}
	}

	private static void fuzzUdp(int port, AtomicInteger payloads) {
		Random random = new Random(SEED + 1);
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
			for (int i = 0; i < DATAGRAMS; i++) {
				byte[] payload = payload(random);
				int length = Math.min(payload.length, 60_000);
				socket.send(new DatagramPacket(payload, length, server));
				payloads.incrementAndGet();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Random bytes, huge lines, CR-only lines, NUL bytes, invalid UTF-8, partial lines,
	 * fake commands.
	 */
	static byte[] payload(Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> bytes(random, random.nextInt(200));
			case 1 -> ("x".repeat(8193 + random.nextInt(20_000)) + "\n").getBytes();
			case 2 -> "\r\r\r\r".getBytes();
			case 3 -> new byte[] { 0, 0, 'n', 'u', 'l', 0, '\n' };
			case 4 -> new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, '\n' };
			case 5 -> "partial line without end".getBytes();
			case 6 -> ("/" + (char) ('a' + random.nextInt(26)) + " " + random.nextInt() + "\n").getBytes();
			default -> "\u001b[2J\u001b]0;pwned\u0007\n".getBytes();
		};
	}

	private static byte[] bytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
