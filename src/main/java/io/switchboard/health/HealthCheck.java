package io.switchboard.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The container's HEALTHCHECK: exits 0 if readiness answers 200, 1 otherwise. Uses only
 * the JDK (JRE images have no curl) and runs with {@code java -cp app.jar}, outside
 * Spring.
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	/**
	 * Readiness where actuator answers: on {@code MANAGEMENT_SERVER_PORT} when it has a
	 * port of its own (asking {@code SERVER_PORT} then got the web page's 404, so a
	 * healthy container was reported unhealthy), else on {@code SERVER_PORT}, else 8080.
	 */
	static String url(Map<String, String> environment) {
		String port = environment.getOrDefault("SERVER_PORT", "8080");
		String management = environment.getOrDefault("MANAGEMENT_SERVER_PORT", "").trim();
		if (!management.isEmpty() && !management.equals("0")) {
			port = management;
		}
		return "http://127.0.0.1:" + port.trim() + "/actuator/health/readiness";
	}

	public static void main(String[] args) throws InterruptedException {
		String url = (args.length > 0) ? args[0] : url(System.getenv());
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			HttpResponse<Void> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
					HttpResponse.BodyHandlers.discarding());
			System.exit((response.statusCode() == 200) ? 0 : 1);
		}
		catch (IOException ex) {
			System.err.println(url + ": " + ex);
			System.exit(1);
		}
	}

}
