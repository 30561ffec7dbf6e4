package io.switchboard.websocket;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket door behind a reverse proxy: the client address comes from
 * {@code X-Forwarded-For} when the peer is a trusted proxy
 * ({@code switchboard.http.trusted-proxies}, here 127.0.0.1 only; before Hardening III it
 * was {@code server.tomcat.remoteip.internal-proxies}, which now stops start-up), and
 * admission, per-IP limits and the {@code clients} listing use it. A hop that is no
 * address is refused, never taken for one.
 */
@SwitchboardTest({ "--server.forward-headers-strategy=native", "--switchboard.http.trusted-proxies=127.0.0.1",
		"--switchboard.max-clients-per-ip=1" })
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

	@Test
	void junkInXForwardedForFromATrustedProxyIsRefusedWith400AndNeverBecomesAnAddress() throws Exception {
		for (String junk : List.of("junk", "203.0.113.87, nonsense", "", "unknown", "fe80::1%eth0", "lb.example.com")) {
			assertThat(handshakeStatus("127.0.0.1", junk)).as(junk).isEqualTo(400);
		}
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.httpPort() + "/actuator/health"))
				.header("X-Forwarded-For", "junk")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(400);
		assertThat(health.body()).contains("invalid X-Forwarded-For");
		assertThat(clients()).doesNotContain("\"remoteAddress\":null");
	}

	@Test
	void junkLeftOfTheClientsHopIsNeverReadSoAProxyAppendingToIsFine() throws Exception {
		try (WebSocketProbe probe = forwardedBy("127.0.0.1", "junk, 203.0.113.85")) {
			assertThat(probe.next()).startsWith("* welcome to switchboard");
			assertThat(clients()).contains("\"remoteAddress\":\"203.0.113.85:");
		}
	}

	@Test
	void anAddressCountsAsOneWhateverItsSpellingSoIpv4MappedIsIpv4() throws Exception {
		try (WebSocketProbe mapped = forwardedBy("127.0.0.1", "::ffff:203.0.113.86");
				WebSocketProbe v6 = forwardedBy("127.0.0.1", "[2001:db8::86]:4711")) {
			assertThat(mapped.next()).startsWith("* welcome to switchboard");
			assertThat(v6.next()).startsWith("* welcome to switchboard");
			assertThat(clients()).contains("\"remoteAddress\":\"203.0.113.86:", "2001:db8:0:0:0:0:0:86");
			try (WebSocketProbe plain = forwardedBy("127.0.0.1", "203.0.113.86");
					WebSocketProbe spelledOut = forwardedBy("127.0.0.1", "2001:DB8:0::86")) {
				assertThat(plain.next()).isEqualTo("ERR too many connections from your address (max 1)");
				assertThat(spelledOut.next()).isEqualTo("ERR too many connections from your address (max 1)");
			}
		}
	}

	private int handshakeStatus(String peer, String forwardedFor) throws Exception {
		try (WebSocketProbe probe = forwardedBy(peer, forwardedFor)) {
			return 101;
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
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
