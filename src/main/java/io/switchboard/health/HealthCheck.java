package io.switchboard.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK: exits 0 if readiness answers 200, 1 otherwise. Uses only
 * the JDK (JRE images have no curl) and runs with {@code java -cp app.jar}, outside
 * Spring.
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) throws InterruptedException {
		String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
		String url = (args.length > 0) ? args[0] : "http://127.0.0.1:" + port + "/actuator/health/readiness";
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			HttpResponse<Void> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
					HttpResponse.BodyHandlers.discarding());
			System.exit((response.statusCode() == 200) ? 0 : 1);
		}
		catch (java.io.IOException ex) {
			System.err.println(url + ": " + ex);
			System.exit(1);
		}
	}

}
