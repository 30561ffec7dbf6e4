package io.switchboard.admin;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import io.switchboard.WebSocketProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 31, break 8: the admin's kick-ban of an IPv6 client bans its /64
 * ({@code switchboard.bans.ipv6-prefix-length}), so the next address of the same host is
 * refused at once. Clients reach the server with any IPv6 address through a trusted
 * proxy's {@code X-Forwarded-For} (Linux binds only ::1 of ::1/128), and over a real
 * {@code [::1]} socket.
 */
@SwitchboardTest({ "--switchboard.http.trusted-proxies=127.0.0.1" })
class Ipv6BansTests {

	@Autowired
	ChatServer server;

	@Test
	void aKickBanOfAnIpv6ClientKeepsOutItsNeighbourButNotTheNextNetwork() throws Exception {
		try (WebSocketProbe banned = forwardedFor("2001:db8:5::1")) {
			assertThat(banned.next()).startsWith("* welcome to switchboard");
			String clients = this.server.getAsAdmin("/actuator/clients").body();
			List<String> ids = JsonPath.read(clients,
					"$.clients[?(@.remoteAddress =~ /2001:db8:5:0:0:0:0:1:[0-9]+/)].id");
			assertThat(ids).hasSize(1);
			HttpResponse<String> ban = this.server.http("DELETE", "/actuator/clients/" + ids.getFirst() + "?ban=10m",
					"");
			assertThat(ban.statusCode()).isEqualTo(201);
			try {
				assertThat(banned.nextMatching((line) -> line.startsWith("ERR"))).startsWith("ERR banned:");
				try (WebSocketProbe neighbour = forwardedFor("2001:db8:5::2")) {
					assertThat(neighbour.next()).startsWith("ERR banned:");
				}
				assertThat(ban.body()).contains("\"kind\":\"cidr\"", "\"value\":\"2001:db8:5:0:0:0:0:0/64\"");
				try (WebSocketProbe elsewhere = forwardedFor("2001:db8:6::1")) {
					assertThat(elsewhere.next()).startsWith("* welcome to switchboard");
				}
			}
			finally {
				this.server.http("DELETE", "/actuator/bans/" + JsonPath.read(ban.body(), "$.id"), "");
			}
		}
	}

	@Test
	void aBanOfLoopbacksIpv6AddressRefusesARealIpv6SocketAndNotAnIpv4One() throws Exception {
		HttpResponse<String> ban = this.server.http("POST", "/actuator/bans", "{\"ip\":\"::1\"}");
		assertThat(ban.statusCode()).isEqualTo(201);
		assertThat(ban.body()).contains("\"kind\":\"cidr\"", "\"value\":\"0:0:0:0:0:0:0:0/64\"");
		try {
			assertThat(firstFrame(URI.create("ws://[::1]:" + this.server.httpPort() + "/ws")))
				.startsWith("ERR banned:");
			assertThat(firstFrame(WebSocketProbe.uri(this.server.httpPort()))).startsWith("* welcome to switchboard");
		}
		finally {
			this.server.http("DELETE", "/actuator/bans/" + JsonPath.read(ban.body(), "$.id"), "");
		}
	}

	private WebSocketProbe forwardedFor(String client) throws Exception {
		return WebSocketProbe.from(this.server.httpPort(), InetAddress.getByName("127.0.0.1"),
				Map.of("X-Forwarded-For", client));
	}

	private static String firstFrame(URI uri) throws Exception {
		CompletableFuture<String> first = new CompletableFuture<>();
		WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
			@Override
			public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
				first.complete(data.toString());
				return null;
			}
		}).get(10, TimeUnit.SECONDS);
		try {
			return first.get(10, TimeUnit.SECONDS);
		}
		finally {
			socket.abort();
		}
	}

}
