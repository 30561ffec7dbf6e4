package io.switchboard.core;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * New connections, UDP join challenges and UDP join attempts are rate-limited per IP
 * address.
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

	@Test
	void joinTokenGuessesBeyondTheRateAreNotEvenChecked() {
		try (UdpProbe guesser = new UdpProbe(this.server.udpPort())) {
			// the other tests of this class may have spent 127.0.0.1's tokens: wait for
			// one
			String challenge = await().atMost(Duration.ofSeconds(10))
				.until(() -> guesser.send("hello").receiveWithin(500), Optional::isPresent)
				.orElseThrow();
			assertThat(challenge).startsWith("* /join ");
			// a quick burst of wrong tokens spends the burst (2); the right token right
			// behind them is then not checked at all
			for (int i = 0; i < 5; i++) {
				guesser.send("/join 00000000");
			}
			guesser.send(challenge.substring(2));
			List<String> replies = new ArrayList<>();
			for (Optional<String> reply = guesser.receiveWithin(300); reply
				.isPresent(); reply = guesser.receiveWithin(300)) {
				replies.add(reply.get());
			}
			assertThat(replies).hasSizeLessThanOrEqualTo(3).allMatch((line) -> line.startsWith("* /join "));
			// once the address's bucket has refilled (1/s), the same token joins
			String welcome = await().atMost(Duration.ofSeconds(10))
				.until(() -> guesser.send(challenge.substring(2)).receiveWithin(500).orElse(""),
						(line) -> line.startsWith("* welcome"));
			assertThat(welcome).startsWith("* welcome");
		}
	}

}
