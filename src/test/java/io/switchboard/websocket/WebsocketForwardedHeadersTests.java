package io.switchboard.websocket;

import java.net.InetAddress;
import java.util.Map;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket door behind a reverse proxy: with
 * {@code server.forward-headers-strategy=native} Tomcat's RemoteIpValve takes the client
 * address from {@code X-Forwarded-For} when the peer is a trusted proxy
 * ({@code server.tomcat.remoteip.internal-proxies}, here 127.0.0.1 only), and admission,
 * per-IP limits and the {@code clients} listing use it.
 */
@SwitchboardTest({ "--server.forward-headers-strategy=native",
		"--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1", "--switchboard.max-clients-per-ip=1" })
class WebsocketForwardedHeadersTests {

	@Autowired
	ChatServer server;

	@Test
	void theForwardedAddressIsTheClientsAndPerIpLimitsCountIt() throws Exception {
		try (WebSocketProbe first = forwardedBy("127.0.0.1", "203.0.113.81");
				WebSocketProbe other = forwardedBy("127.0.0.1", "203.0.113.82")) {
			assertThat(first.next()).startsWith("* welcome to switchboard");
			assertThat(other.next()).startsWith("* welcome to switchboard");
			assertThat(clients()).contains("\"remoteAddress\":\"203.0.113.81:", "\"remoteAddress\":\"203.0.113.82:");
			try (WebSocketProbe sameClient = forwardedBy("127.0.0.1", "203.0.113.81")) {
				assertThat(sameClient.next()).isEqualTo("ERR too many connections from your address (max 1)");
			}
		}
	}

	@Test
	void onlyTheRightmostUntrustedHopCountsSoAClientCannotPickItsAddress() throws Exception {
		try (WebSocketProbe probe = forwardedBy("127.0.0.1", "198.51.100.1, 203.0.113.84")) {
			assertThat(probe.next()).startsWith("* welcome to switchboard");
			assertThat(clients()).contains("\"remoteAddress\":\"203.0.113.84:").doesNotContain("198.51.100.1");
		}
	}

	@Test
	void anUntrustedPeersForwardedHeaderIsIgnored() throws Exception {
		try (WebSocketProbe probe = forwardedBy("127.0.0.2", "203.0.113.83")) {
			assertThat(probe.next()).startsWith("* welcome to switchboard");
			assertThat(clients()).contains("\"remoteAddress\":\"127.0.0.2:").doesNotContain("203.0.113.83");
		}
	}

	private WebSocketProbe forwardedBy(String peer, String forwardedFor) throws Exception {
		return WebSocketProbe.from(this.server.httpPort(), InetAddress.getByName(peer),
				Map.of("X-Forwarded-For", forwardedFor));
	}

	private String clients() {
		return this.server.getAsAdmin("/actuator/clients").body();
	}

}
