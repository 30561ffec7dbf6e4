package io.switchboard.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code bench --websocket}: the same measurement over the WebSocket door
 * ({@code switchboard.text}).
 */
@SwitchboardTest({ "--switchboard.max-clients-per-ip=0", "--switchboard.max-clients-per-ipv4-prefix=0" })
class WebSocketBenchTests {

	@Autowired
	ChatServer server;

	@Test
	void shortWebSocketRunDeliversEveryMessageInOrder() {
		String report = run("--websocket", "ws://127.0.0.1:" + this.server.httpPort() + "/ws", "--clients", "10",
				"--senders", "2", "--rate", "100", "--duration", "1s", "--warmup", "1s", "--json");
		Map<String, Object> json = JsonPath.read(report, "$");
		assertThat(json.get("transport")).isEqualTo("websocket");
		assertThat(((Number) json.get("expected")).longValue()).isGreaterThan(0)
			.isEqualTo(((Number) json.get("received")).longValue());
		assertThat(((Number) json.get("lossPercent")).doubleValue()).isZero();
		assertThat(((Number) json.get("orderViolations")).longValue()).isZero();
		assertThat(((Number) json.get("p99Ms")).doubleValue()).isPositive();
	}

	@Test
	void idleWebSocketConnectionsAreHeldAndReportServerThreads() {
		String report = run("--idle", "--websocket", "--http-port", String.valueOf(this.server.httpPort()), "--clients",
				"20", "--duration", "0s", "--json", "--pid", String.valueOf(ProcessHandle.current().pid()),
				"127.0.0.1");
		Map<String, Object> json = JsonPath.read(report, "$");
		assertThat(json.get("transport")).isEqualTo("websocket");
		assertThat(json.get("idle")).isEqualTo(20);
		assertThat(((Number) json.get("serverThreads")).intValue()).isPositive();
	}

	@Test
	void theUrlIsGivenOrDerivedFromHostAndHttpPort() {
		assertThat(BenchOptions.parse("--websocket").websocket()).isEqualTo(URI.create("ws://localhost:8080/ws"));
		assertThat(BenchOptions.parse("--websocket", "--http-port", "9090", "::1").websocket())
			.isEqualTo(URI.create("ws://[::1]:9090/ws"));
		BenchOptions given = BenchOptions.parse("--websocket", "wss://chat.example.com/ws");
		assertThat(given.websocket()).isEqualTo(URI.create("wss://chat.example.com/ws"));
		assertThat(given.host()).isEqualTo("chat.example.com");
		assertThat(BenchOptions.parse("--udp").websocket()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--websocket", "--udp"));
	}

	@Test
	void framesAreParsedBareOrBehindAPrefix() {
		long[] fields = new long[3];
		assertThat(WebSocketBenchConnection.parse("[lobby] guest7: b 3 42 123456789 xxxx", fields)).isTrue();
		assertThat(fields).containsExactly(3, 42, 123456789);
		assertThat(WebSocketBenchConnection.parse("b 1 2 3", fields)).isTrue();
		assertThat(fields).containsExactly(1, 2, 3);
		assertThat(WebSocketBenchConnection.parse("* guest7 joined", fields)).isFalse();
	}

	private static String run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = LoadGenerator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}

}
