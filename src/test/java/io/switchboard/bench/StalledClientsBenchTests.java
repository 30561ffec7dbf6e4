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

/**
 * {@code bench --stalled N}: clients that never read are closed by the server as slow
 * consumers, and the generator reports it, while the others lose nothing.
 */
@SwitchboardTest({ "--switchboard.max-clients-per-ip=0", "--switchboard.max-clients-per-ipv4-prefix=0",
		"--switchboard.client.outbox-bytes=16KB", "--switchboard.tcp.socket-send-buffer=16KB",
		"--switchboard.client.write-timeout=500ms" })
class StalledClientsBenchTests {

	@Autowired
	ChatServer server;

	@Test
	void stalledClientsAreReportedClosedAndTheOthersGetEverything() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = LoadGenerator.run(
				new String[] { "--clients", "10", "--senders", "2", "--rate", "400", "--size", "1024", "--stalled", "3",
						"--duration", "3s", "--warmup", "1s", "--json", "127.0.0.1",
						String.valueOf(this.server.tcpPort()) },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
		assertThat(status).isZero();
		Map<String, Object> json = JsonPath.read(out.toString(StandardCharsets.UTF_8), "$");
		assertThat(json.get("stalled")).isEqualTo(3);
		assertThat(json.get("stalledClosed")).isEqualTo(3);
		assertThat(((Number) json.get("lossPercent")).doubleValue()).isZero();
		assertThat(((Number) json.get("expected")).longValue()).isPositive();
	}

}
