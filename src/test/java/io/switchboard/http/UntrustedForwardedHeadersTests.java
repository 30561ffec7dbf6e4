package io.switchboard.http;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 31, break 4: with {@code server.forward-headers-strategy=native} (the chart's
 * setting behind an Ingress) and no {@code switchboard.http.trusted-proxies}, a client on
 * loopback (which Tomcat's own valve trusted as a proxy) cannot choose its address with
 * {@code X-Forwarded-For}: per-address limits and bans see its real one.
 */
@SwitchboardTest({ "--server.forward-headers-strategy=native", "--switchboard.max-clients-per-ip=1" })
class UntrustedForwardedHeadersTests {

	@Autowired
	ChatServer server;

	@Test
	void aLoopbackClientCannotPassThePerAddressLimitByVaryingXForwardedFor() throws Exception {
		try (WebSocketProbe first = forwardedBy("127.0.0.3", "203.0.113.1")) {
			assertThat(first.next()).startsWith("* welcome to switchboard");
			assertThat(clients()).contains("\"remoteAddress\":\"127.0.0.3:").doesNotContain("203.0.113.1");
			for (String claimed : new String[] { "203.0.113.2", "198.51.100.7", "junk" }) {
				try (WebSocketProbe more = forwardedBy("127.0.0.3", claimed)) {
					assertThat(more.next()).as(claimed).isEqualTo("ERR too many connections from your address (max 1)");
				}
			}
		}
	}

	@Test
	void banningTheRealAddressBansTheClientWhateverItForwards() throws Exception {
		HttpResponse<String> ban = this.server.http("POST", "/actuator/bans", "{\"ip\":\"127.0.0.4\"}");
		assertThat(ban.statusCode()).isEqualTo(201);
		try (WebSocketProbe probe = forwardedBy("127.0.0.4", "203.0.113.9")) {
			assertThat(probe.next()).startsWith("ERR banned:");
		}
		finally {
			this.server.http("DELETE", "/actuator/bans/" + JsonPath.read(ban.body(), "$.id"), "");
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
