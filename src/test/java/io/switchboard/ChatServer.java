package io.switchboard;

import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * The running server as tests see it: its real ports (all bound to 0), and HTTP to its
 * actuator.
 */
@TestComponent
public class ChatServer {

	/** The operator the tests' servers are configured with. */
	public static final String ADMIN = "operator";

	public static final String PASSWORD = "test-only-secret";

	private final TcpNetServerConnectionFactory tcp;

	private final DatagramSocket udp;

	private final WebServerApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	public ChatServer(@Qualifier("tcpChatServer") TcpNetServerConnectionFactory tcp,
			@Qualifier("udpChatSocket") DatagramSocket udp, WebServerApplicationContext context) {
		this.tcp = tcp;
		this.udp = udp;
		this.context = context;
	}

	public int tcpPort() {
		// No poll delay: Awaitility's default 100 ms made every call, and so every test
		// connection, that slow.
		await().pollDelay(Duration.ZERO).until(this.tcp::isListening);
		return this.tcp.getPort();
	}

	/**
	 * The HTTP port, where WebSocket clients connect too.
	 */
	public int httpPort() {
		return this.context.getWebServer().getPort();
	}

	public int udpPort() {
		return this.udp.getLocalPort();
	}

	/**
	 * A request as the operator: GETs anonymous, writes with the admin's credentials.
	 */
	public HttpResponse<String> http(String method, String path, String body) {
		return method.equals("GET") ? http(method, path, body, null) : http(method, path, body, ADMIN + ":" + PASSWORD);
	}

	/**
	 * A request with the given HTTP Basic credentials ({@code user:password}), or none.
	 */
	public HttpResponse<String> http(String method, String path, String body, @Nullable String credentials) {
		try {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.context.getWebServer().getPort() + path))
				.header("Content-Type", "application/json");
			if (credentials != null) {
				request.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
			}
			request.method(method,
					body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
	}

	public HttpResponse<String> get(String path) {
		return http("GET", path, "");
	}

	/**
	 * A GET with the admin's credentials, which shows what anonymous reads do not.
	 */
	public HttpResponse<String> getAsAdmin(String path) {
		return http("GET", path, "", ADMIN + ":" + PASSWORD);
	}

}
