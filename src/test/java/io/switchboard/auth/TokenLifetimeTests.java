package io.switchboard.auth;

import java.time.Duration;
import java.util.Map;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that does not authenticate in time is closed; one whose token expires is
 * warned, then closed unless it presents a fresh one.
 */
@SwitchboardTest({ "--switchboard.auth.mode=token", "--switchboard.auth.jwt.secret=" + Tokens.SECRET,
		"--switchboard.auth.timeout=1s" })
class TokenLifetimeTests {

	@Autowired
	ChatServer server;

	@Test
	void aClientThatDoesNotAuthenticateInTimeIsClosed() {
		try (LineClient client = LineClient.connected(this.server.tcpPort())) {
			assertThat(client.readLine()).isEqualTo("* authenticate with /auth TOKEN within 1s");
			assertThat(client.readToEnd()).containsExactly("ERR authentication timed out");
		}
		assertThat(this.server.get("/actuator/metrics/switchboard.connections.closed?tag=reason:auth-timeout")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void anExpiringTokenIsWarnedAboutThenTheClientIsClosedUnlessItRenews() {
		try (LineClient renews = LineClient.connected(this.server.tcpPort());
				LineClient lapses = LineClient.connected(this.server.tcpPort())) {
			renews.readLine();
			lapses.readLine();
			renews.send("/auth " + Tokens.hmac("renewer", Duration.ofSeconds(3), Map.of()));
			lapses.send("/auth " + Tokens.hmac("lapser", Duration.ofSeconds(3), Map.of()));
			assertThat(renews.readUntil((line) -> line.startsWith("* token expires in ")))
				.endsWith("; /auth NEW-TOKEN");
			renews.send("/auth " + Tokens.hmac("renewer", Duration.ofMinutes(5), Map.of()));
			assertThat(renews.readUntil((line) -> line.startsWith("* authenticated as renewer"))).isNotEmpty();
			assertThat(lapses.readUntil((line) -> line.startsWith("* token expires in "))).isNotEmpty();
			assertThat(lapses.readToEnd()).last().isEqualTo("ERR token expired");
			// the renewed client outlives the first token
			assertThat(renews.command("/ping")).isEqualTo("* pong");
		}
	}

}
