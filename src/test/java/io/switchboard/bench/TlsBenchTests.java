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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code bench --tls}: the same measurement over the TLS chat port, with clients that
 * trust the server's test certificate without checking it, against loopback only. The
 * server is TlsTests' (same properties, so one context serves both).
 */
@SwitchboardTest({ "--spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server.crt",
		"--spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server.key",
		"--spring.ssl.bundle.pem.chat.truststore.certificate=classpath:tls/ca.crt", "--switchboard.tcp.ssl.bundle=chat",
		"--switchboard.tcp.ssl.client-auth=want" })
class TlsBenchTests {

	@Autowired
	ChatServer server;

	@Test
	void shortTlsRunDeliversEveryMessageInOrder() {
		Map<String, Object> json = JsonPath.read(run("--tls", "--clients", "10", "--senders", "2", "--rate", "100",
				"--duration", "1s", "--warmup", "1s", "--json", "127.0.0.1", String.valueOf(this.server.tcpPort())),
				"$");
		assertThat(json.get("transport")).isEqualTo("tls");
		assertThat(((Number) json.get("expected")).longValue()).isGreaterThan(0)
			.isEqualTo(((Number) json.get("received")).longValue());
		assertThat(((Number) json.get("orderViolations")).longValue()).isZero();
	}

	@Test
	void idleTlsConnectionsAreHeldAfterTheirHandshake() {
		Map<String, Object> json = JsonPath.read(run("--idle", "--tls", "--clients", "10", "--duration", "0s", "--json",
				"127.0.0.1", String.valueOf(this.server.tcpPort())), "$");
		assertThat(json.get("transport")).isEqualTo("tls");
		assertThat(json.get("idle")).isEqualTo(10);
	}

	@Test
	void tlsIsForTcpClientsOnly() {
		assertThat(BenchOptions.parse("--tls").tls()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--tls", "--udp"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--tls", "--websocket"));
	}

	@Test
	void tlsRefusesANonLoopbackTargetEvenWithAllowRemote() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = LoadGenerator.run(new String[] { "--tls", "--allow-remote", "192.0.2.1", "9999" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tls trusts any certificate");
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
