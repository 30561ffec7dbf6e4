package io.switchboard.tcp;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import io.switchboard.transport.StreamListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hardening II, finding 8: connections are let go of when they close, not at the next
 * accept.
 */
@SwitchboardTest({ "--spring.application.name=closed-connections", "--switchboard.max-clients-per-ip=0",
		"--switchboard.max-clients-per-ipv4-prefix=0" })
class ClosedConnectionsTests {

	@Autowired
	ChatServer server;

	@Autowired
	@Qualifier("tcpChatServer")
	StreamListener factory;

	@Test
	void closedConnectionsLeaveTheFactorysTableWithoutANewAccept() {
		int port = this.server.tcpPort();
		List<LineClient> clients = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			clients.add(LineClient.connected(port));
		}
		int held = this.factory.connectionCount();
		assertThat(held).isGreaterThanOrEqualTo(300);
		clients.forEach(LineClient::close);
		// No connection is opened from here on: the table empties by itself.
		await().untilAsserted(() -> assertThat(this.factory.connectionCount()).isLessThanOrEqualTo(held - 300));
	}

}
