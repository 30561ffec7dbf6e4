package io.switchboard.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.RawWebSocket;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket clients that ping without reading the pongs hold no HTTP worker (there are 8)
 * and are cut by flood control: health, new handshakes and honest clients carry on.
 */
@SwitchboardTest({ "--spring.application.name=ws-ping-flood", "--test.client.rate=20" })
class WebsocketPingFloodTests {

	/** Twice Tomcat's 8 workers. */
	private static final int ATTACKERS = 16;

	private static final Duration ATTACK = Duration.ofSeconds(10);

	/** A hundred pings of 125 bytes each, masked with a zero key. */
	private static final byte[] PINGS = pings(100);

	@Autowired
	ChatServer server;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void pingersThatNeverReadAreCutWhileHealthAndHonestClientsCarryOn() throws Exception {
		int port = this.server.httpPort();
		AtomicBoolean attacking = new AtomicBoolean(true);
		AtomicInteger cut = new AtomicInteger();
		// Platform threads: virtual ones that write without pause would keep the server's
		// virtual threads (its outbox drains) off the carrier threads they share here.
		ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
		try (WebSocketProbe honest = WebSocketProbe.connected(port, null);
				LineClient tcp = LineClient.connected(this.server.tcpPort())) {
			honest.send("/join ws-ping-flood");
			honest.nextMatching((frame) -> frame.startsWith("* you"));
			tcp.command("/join ws-ping-flood");
			assertThat(healthWithin(Duration.ofSeconds(10))).as("health before the attack").isEqualTo(200);
			for (int i = 0; i < ATTACKERS; i++) {
				// Each pings without reading until it is cut, then comes back.
				pool.submit(() -> {
					while (attacking.get()) {
						try (RawWebSocket attacker = RawWebSocket.connected(port, 4096)) {
							while (attacking.get()) {
								attacker.sendPayload(PINGS);
								// Pacing, not synchronisation: about 10,000 pings (1.3
								// MB of pongs) a second each, far over the rate, and
								// over a non-reader's socket buffers within seconds.
								Thread.sleep(10);
							}
						}
						catch (RuntimeException | AssertionError ex) {
							if (attacking.get()) {
								cut.incrementAndGet();
							}
						}
						// and comes back half a second later
						Thread.sleep(500);
					}
					return null;
				});
			}
			long end = System.nanoTime() + ATTACK.toNanos();
			int round = 0;
			while (System.nanoTime() < end) {
				// A liveness bound, not a timing (frozen, health took 15-20 s or never
				// answered; how fast it answers is bench/hostile.sh's to measure, on a
				// machine that is not also running the attackers).
				assertThat(healthWithin(Duration.ofSeconds(5))).as("health during the attack").isEqualTo(200);
				try (WebSocketProbe fresh = WebSocketProbe.connected(port, null)) {
					fresh.send("/ping");
					assertThat(fresh.next()).isEqualTo("* pong");
				}
				String line = " round " + round++;
				honest.send("honest" + line);
				assertThat(tcp.readUntil((read) -> read.endsWith(" honest" + line))).isNotNull();
				tcp.send("tcp" + line);
				assertThat(honest.nextMatching((frame) -> frame.endsWith(" tcp" + line))).isNotNull();
				// Pacing, not synchronisation: the honest clients chat within the flood
				// rate (20 lines a second) that cuts the attackers.
				Thread.sleep(100);
			}
			assertThat(cut.get()).as("attackers cut").isGreaterThanOrEqualTo(ATTACKERS);
		}
		finally {
			attacking.set(false);
			pool.shutdownNow();
			pool.awaitTermination(20, TimeUnit.SECONDS);
		}
	}

	private static byte[] pings(int count) {
		byte[] ping = RawWebSocket.frame(true, RawWebSocket.PING, "p".repeat(125).getBytes());
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (int i = 0; i < count; i++) {
			all.writeBytes(ping);
		}
		return all.toByteArray();
	}

	private int healthWithin(Duration limit) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.httpPort() + "/actuator/health"))
			.timeout(limit)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
