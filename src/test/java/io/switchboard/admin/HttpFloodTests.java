package io.switchboard.admin;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hardening II, finding 1: HTTP work must never stall the chat. Eight parallel loops of
 * wrong passwords and anonymous scrapes used to take both cores (bcrypt and scrapes on
 * the chat's virtual-thread carriers) and freeze every chat line for seconds.
 */
@SwitchboardTest({ "--spring.application.name=http-flood", "--test.client.rate=20" })
class HttpFloodTests {

	private static final int HONEST = 4;

	private static final int LINES_EACH = 50;

	@Autowired
	ChatServer server;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void failedLoginsFromOneAddressGet429WithRetryAfterAndAreNoLongerChecked() throws Exception {
		// From an address of its own, so the other test's wrong passwords do not count.
		HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
		for (int i = 0; i < 10; i++) {
			assertThat(get(client, "/actuator/health", "admin:wrong").statusCode()).as("attempt " + i).isEqualTo(401);
		}
		HttpResponse<String> throttled = get(client, "/actuator/health", "admin:wrong");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 60L);
		assertThat(throttled.body()).contains("too many failed logins");
		assertThat(get(client, "/actuator/health", ChatServer.ADMIN + ":" + ChatServer.PASSWORD).statusCode())
			.as("not even the right password is looked at meanwhile")
			.isEqualTo(429);
		assertThat(get(client, "/actuator/health", null).statusCode()).as("anonymous reads go on").isEqualTo(200);
		HttpClient other = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.3")).build();
		assertThat(get(other, "/actuator/health", ChatServer.ADMIN + ":" + ChatServer.PASSWORD).statusCode())
			.as("other addresses are not affected")
			.isEqualTo(200);
	}

	@Test
	void httpRunsOnABoundedPoolOfItsOwnNotOnTheChatsVirtualThreads() {
		var executor = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getConnector()
			.getProtocolHandler()
			.getExecutor();
		// Tomcat's own pool of platform threads, at most server.tomcat.threads.max of
		// them
		assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
		assertThat(((ThreadPoolExecutor) executor).getMaximumPoolSize()).isEqualTo(8);
	}

	@Test
	void chatGoesOnWithoutLossWhileEightLoopsHammerHttp() throws Exception {
		String room = "http-flood";
		int port = this.server.tcpPort();
		HttpClient http = HttpClient.newHttpClient();
		ExecutorService hammers = Executors.newFixedThreadPool(8);
		ExecutorService chat = Executors.newFixedThreadPool(2 * HONEST);
		AtomicBoolean hammering = new AtomicBoolean(true);
		AtomicInteger requests = new AtomicInteger();
		List<LineClient> honest = new ArrayList<>();
		try {
			for (int i = 0; i < HONEST; i++) {
				LineClient client = LineClient.connected(port);
				client.command("/join " + room);
				honest.add(client);
			}
			for (int i = 0; i < 8; i++) {
				boolean wrongPassword = i % 2 == 0;
				hammers.submit(() -> {
					while (hammering.get()) {
						get(http, wrongPassword ? "/actuator/health" : "/actuator/prometheus",
								wrongPassword ? "admin:x" : null);
						requests.incrementAndGet();
					}
					return null;
				});
			}
			List<Future<Long>> readers = new ArrayList<>();
			for (LineClient client : honest) {
				readers.add(chat.submit(() -> readAllAndMaxLatency(client)));
			}
			List<Future<?>> senders = new ArrayList<>();
			for (LineClient client : honest) {
				senders.add(chat.submit(() -> {
					for (int n = 0; n < LINES_EACH; n++) {
						client.send("t=" + System.nanoTime());
						TimeUnit.MILLISECONDS.sleep(100); // 10 msg/s, a person's pace
					}
					return null;
				}));
			}
			for (Future<?> sender : senders) {
				sender.get();
			}
			long worst = 0;
			for (Future<Long> reader : readers) {
				worst = Math.max(worst, reader.get());
			}
			hammering.set(false);
			assertThat(requests.get()).as("HTTP was hammered meanwhile").isGreaterThan(100);
			// Not a performance target: a liveness bound. Before, chat froze for seconds.
			assertThat(TimeUnit.NANOSECONDS.toMillis(worst)).as("slowest line, ms").isLessThan(2000);
		}
		finally {
			hammering.set(false);
			hammers.shutdownNow();
			chat.shutdownNow();
			honest.forEach(LineClient::close);
		}
	}

	/**
	 * Every honest line arrives (none refused as a flood); returns the slowest delivery.
	 */
	private static long readAllAndMaxLatency(LineClient client) {
		long worst = 0;
		for (int i = 0; i < HONEST * LINES_EACH; i++) {
			String line = client.readLine();
			assertThat(line).as("line " + i).contains(" t=");
			long sent = Long.parseLong(line.substring(line.indexOf(" t=") + 3));
			worst = Math.max(worst, System.nanoTime() - sent);
		}
		return worst;
	}

	private HttpResponse<String> get(HttpClient client, String path, String credentials) {
		try {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.context.getWebServer().getPort() + path));
			if (credentials != null) {
				request.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
			}
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
	}

}
