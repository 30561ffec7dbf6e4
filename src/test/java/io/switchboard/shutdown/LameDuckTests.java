package io.switchboard.shutdown;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.core.ClientRegistry;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closes the application with {@code switchboard.shutdown.lame-duck} set while clients
 * are connected, and watches them being let go one by one.
 */
class LameDuckTests {

	private static final Duration WINDOW = Duration.ofSeconds(6);

	private static final int CLIENTS = 6;

	private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

	private ConfigurableApplicationContext context;

	private ChatServer server;

	@BeforeEach
	void start() {
		// Started by hand, not by the test framework: the test closes it.
		this.context = new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.port=0", "--switchboard.echo.host=127.0.0.1",
				"--switchboard.shutdown.lame-duck=" + WINDOW.toSeconds() + "s", "--switchboard.announce-presence=true",
				"--switchboard.client.rate=0", "--switchboard.client.byte-rate=0",
				"--switchboard.accept-rate-per-ip=0");
		this.server = new ChatServer(this.context.getBean("tcpChatServer", StreamListener.class),
				this.context.getBean("udpChatSocket", DatagramSocket.class),
				(WebServerApplicationContext) this.context);
	}

	@AfterEach
	void close() {
		this.context.close();
		this.readers.close();
	}

	@Test
	void readinessGoesDownAtOnceThenClientsAreToldAndClosedOneByOneOldestFirstAcrossTheWindow() throws Exception {
		int port = this.server.tcpPort();
		ClientRegistry registry = this.context.getBean(ClientRegistry.class);
		List<LineClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				LineClient client = LineClient.connected(port);
				// A line makes it a chat client its room was told of (else that comes
				// after ChatHub.ARRIVAL_GRACE), so the others see it leave.
				client.send("/ping").readUntil("* pong"::equals);
				clients.add(client);
			}
			List<Reader> readers = clients.stream().map(this::read).toList();

			long closingStarted = System.nanoTime();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close, this.readers);
			await().until(() -> this.server.get("/actuator/health/readiness").statusCode() == 503);

			// Still a working server for those not yet let go, newcomers included (a load
			// balancer may send a few before it notices readiness).
			clients.getLast().send("still here");
			await()
				.until(() -> readers.get(CLIENTS - 2).lines.stream().anyMatch((line) -> line.endsWith("still here")));
			LineClient newcomer = LineClient.connected(port);
			clients.add(newcomer);
			Reader newest = read(newcomer);

			closing.get();
			await().until(() -> newest.ended != 0 && readers.stream().allMatch((reader) -> reader.ended != 0));
			List<String> everyone = clients.stream().map(LineClient::address).toList();
			assertThat(readers.getLast().lines).as("the newest saw the others leave, oldest first, then was told")
				.filteredOn((line) -> line.endsWith(" left"))
				.containsExactlyElementsOf(
						everyone.subList(0, CLIENTS - 1).stream().map((a) -> "* " + a + " left").toList());
			for (Reader reader : readers) {
				assertThat(reader.lines).as("told, then FIN").last().isEqualTo("* server shutting down");
			}
			assertThat(newest.lines).last().isEqualTo("* server shutting down");
			// A lower bound only: a loaded machine can make the closes later, never
			// earlier.
			Duration firstToLastOriginal = Duration.ofNanos(readers.getLast().ended - closingStarted);
			assertThat(firstToLastOriginal).as("the oldest client's slot is 0, the newest's is 5/6 of the window")
				.isGreaterThanOrEqualTo(WINDOW.multipliedBy(CLIENTS - 1).dividedBy(CLIENTS));
			assertThat(readers.getFirst().ended).isLessThan(readers.getLast().ended);
			assertThat(registry.count()).isZero();
		}
		finally {
			clients.forEach(LineClient::close);
		}
	}

	private Reader read(LineClient client) {
		Reader reader = new Reader();
		this.readers.execute(() -> {
			for (String line = client.readLineOrNull(); line != null; line = client.readLineOrNull()) {
				reader.lines.add(line);
			}
			reader.ended = System.nanoTime();
		});
		return reader;
	}

	/** Lines one client received until EOF, and when the EOF came. */
	private static final class Reader {

		final List<String> lines = new CopyOnWriteArrayList<>();

		volatile long ended;

	}

}
