package io.switchboard.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@SwitchboardTest({ "--switchboard.max-clients-per-ip=0", "--switchboard.max-clients-per-ipv4-prefix=0" })
class LoadGeneratorTests {

	@Autowired
	ChatServer server;

	@Test
	void shortTcpRunReportsEveryMessageDeliveredInOrderAsJson() {
		String report = run("--clients", "20", "--senders", "4", "--rate", "200", "--duration", "2s", "--warmup", "1s",
				"--json", "--pid", String.valueOf(ProcessHandle.current().pid()), "127.0.0.1",
				String.valueOf(this.server.tcpPort()));
		Map<String, Object> json = JsonPath.read(report, "$");
		assertThat(((Number) json.get("expected")).longValue()).isGreaterThan(0)
			.isEqualTo(((Number) json.get("received")).longValue());
		assertThat(((Number) json.get("lossPercent")).doubleValue()).isZero();
		assertThat(((Number) json.get("orderViolations")).longValue()).isZero();
		assertThat(((Number) json.get("deliveredPerSecond")).doubleValue()).isGreaterThan(1000);
		assertThat(((Number) json.get("p99Ms")).doubleValue()).isPositive();
		assertThat(((Number) json.get("serverCpuCores")).doubleValue()).isNotNegative();
	}

	@Test
	void selectorReadersReceiveEveryMessageInOrder() {
		String report = run("--clients", "30", "--senders", "2", "--rate", "100", "--readers", "2", "--duration", "2s",
				"--warmup", "1s", "--json", "127.0.0.1", String.valueOf(this.server.tcpPort()));
		Map<String, Object> json = JsonPath.read(report, "$");
		assertThat(((Number) json.get("expected")).longValue()).isGreaterThan(0)
			.isEqualTo(((Number) json.get("received")).longValue());
		assertThat(((Number) json.get("orderViolations")).longValue()).isZero();
	}

	@Test
	void clientsSpreadOverRoomsReceiveOnlyTheirRoomsMessages() {
		String report = run("--clients", "12", "--rooms", "3", "--senders", "6", "--rate", "120", "--duration", "2s",
				"--warmup", "1s", "--json", "127.0.0.1", String.valueOf(this.server.tcpPort()));
		Map<String, Object> json = JsonPath.read(report, "$");
		assertThat(json.get("rooms")).isEqualTo(3);
		// four receivers per message: the whole lobby would be twelve (what was sent is
		// known here only as a rate over the window, so to within a message or two)
		long sent = Math.round(((Number) json.get("sentPerSecond")).doubleValue() * 2);
		long expected = ((Number) json.get("expected")).longValue();
		assertThat(expected).isGreaterThan(0)
			.isEqualTo(((Number) json.get("received")).longValue())
			.isBetween(sent * 4 - 8, sent * 4 + 8);
		assertThat(expected % 4).as("each message to its room's four").isZero();
		assertThat(((Number) json.get("orderViolations")).longValue()).isZero();
	}

	@Test
	void roomsAreSharedOutEvenly() {
		BenchOptions options = BenchOptions.parse("--clients", "10", "--rooms", "4");
		assertThat(options.room(0)).isZero();
		assertThat(options.room(5)).isEqualTo(1);
		assertThat(new int[] { options.roomSize(0), options.roomSize(1), options.roomSize(2), options.roomSize(3) })
			.containsExactly(3, 3, 2, 2);
	}

	@Test
	void udpRunJoinsAndMeasures() {
		String report = run("--udp", "--clients", "5", "--senders", "1", "--rate", "50", "--duration", "1s", "--warmup",
				"1s", "127.0.0.1", String.valueOf(this.server.udpPort()));
		assertThat(report).contains("clients 5, senders 1").containsPattern("delivered/s +[1-9]");
	}

	@Test
	void nonLoopbackTargetsAreRefusedWithoutAllowRemote() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = LoadGenerator.run(new String[] { "192.0.2.1", "9999" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a loopback address");
	}

	private static String run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = LoadGenerator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream()));
		assertThat(status).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}

}
