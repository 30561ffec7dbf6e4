package io.switchboard.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * New connections and UDP join challenges are rate-limited per IP address.
 */
@SwitchboardTest({ "--test.accept-rate-per-ip=2", "--test.udp.join-rate-per-ip=1" })
class RateLimitTests {

	@Autowired
	ChatServer server;

	@Test
	void connectionsFasterThanTheAcceptRateAreToldToSlowDown() {
		List<String> first = new ArrayList<>();
		List<LineClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 12; i++) {
				LineClient client = new LineClient(this.server.tcpPort());
				clients.add(client);
				first.add(client.readLine());
			}
			// a burst of twice the rate gets in at once; the rest of a quick burst does
			// not
			assertThat(first.stream().filter((line) -> line.startsWith("* welcome")).count()).isBetween(4L, 8L);
			assertThat(first).contains("ERR too many connections, slow down");
		}
		finally {
			clients.forEach(LineClient::close);
		}
	}

	@Test
	void udpJoinChallengesToOneAddressAreRateLimited() {
		List<UdpProbe> peers = new ArrayList<>();
		try {
			int challenged = 0;
			for (int i = 0; i < 10; i++) {
				UdpProbe peer = new UdpProbe(this.server.udpPort());
				peers.add(peer);
				peer.send("hello");
				Optional<String> reply = peer.receiveWithin(300);
				if (reply.isPresent()) {
					assertThat(reply.get()).startsWith("* /join ");
					challenged++;
				}
			}
			assertThat(challenged).isBetween(2, 7);
		}
		finally {
			peers.forEach(UdpProbe::close);
		}
	}

}
