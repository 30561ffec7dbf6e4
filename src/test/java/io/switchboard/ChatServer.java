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
import io.switchboard.transport.StreamListener;

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

	/** The IRC operator ({@code OPER}) the tests' servers are configured with. */
	public static final String IRC_OPERATOR = "ircop";

	public static final String IRC_OPERATOR_PASSWORD = "ircop-test-only";

	private final StreamListener tcp;

	private final DatagramSocket udp;

	private final WebServerApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private final @Nullable String operator;

	public ChatServer(@Qualifier("tcpChatServer") StreamListener tcp, @Qualifier("udpChatSocket") DatagramSocket udp,
			WebServerApplicationContext context) {
		this.tcp = tcp;
		this.udp = udp;
		this.context = context;
		String password = context.getEnvironment().getProperty("switchboard.admin.password", "");
		this.operator = password.isEmpty() ? null
				: context.getEnvironment().getProperty("switchboard.admin.username", "admin") + ":" + password;
	}

	public int tcpPort() {
		// No poll delay: Awaitility's default 100 ms made every call, and so every test
		// connection, that slow.
		await().pollDelay(Duration.ZERO).until(this.tcp::isListening);
		return this.tcp.getPort();
	}

	/**
	 * The IRC door's port.
	 */
	/** The IRC TLS port beside the plain one ({@code switchboard.irc.tls-port}). */
	public int ircTlsPort() {
		StreamListener irc = this.context.getBean("ircTlsChatServer", StreamListener.class);
		await().pollDelay(Duration.ZERO).until(irc::isListening);
		return irc.getPort();
	}

	public int ircPort() {
		StreamListener irc = this.context.getBean("ircChatServer", StreamListener.class);
		await().pollDelay(Duration.ZERO).until(irc::isListening);
		return irc.getPort();
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
	 * A request as the operator: with the admin's credentials when the server has a
	 * password (reading {@code clients} and {@code rooms}, and health's components, need
	 * them), anonymous when it has none (credentials would be refused: there is no
	 * admin).
	 */
	public HttpResponse<String> http(String method, String path, String body) {
		return http(method, path, body, this.operator);
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

	/**
	 * A GET as the operator (see {@link #http(String, String, String)}).
	 */
	public HttpResponse<String> get(String path) {
		return http("GET", path, "");
	}

	/**
	 * A GET without credentials, as a probe, a scraper or a stranger sends it.
	 */
	public HttpResponse<String> getAnonymously(String path) {
		return http("GET", path, "", null);
	}

	/**
	 * A GET with the admin's credentials ({@link #ADMIN}, {@link #PASSWORD}) whether or
	 * not the server has them; where a test is about what the admin sees, it says so.
	 */
	public HttpResponse<String> getAsAdmin(String path) {
		return http("GET", path, "", ADMIN + ":" + PASSWORD);
	}

}
