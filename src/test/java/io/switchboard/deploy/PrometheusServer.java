package io.switchboard.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (the Debian package {@code prometheus}) on a free loopback port,
 * scraping one target every second, with a data directory of its own that is deleted on
 * close; and {@code promtool}, from the same package. Tests skip when they are not
 * installed, unless {@code -Dswitchboard.prometheus.required=true} (as in CI) makes that
 * a failure.
 */
final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path directory;

	private final int port;

	private final Process process;

	private PrometheusServer(Path directory, int port, Process process) {
		this.directory = directory;
		this.port = port;
		this.process = process;
	}

	/**
	 * Start Prometheus scraping {@code /actuator/prometheus} of the target every second
	 * (job {@code switchboard}), with these rule files loaded; returns once it is ready.
	 */
	static PrometheusServer start(String target, Path... ruleFiles) {
		Path binary = require("prometheus");
		try {
			Path directory = Files.createTempDirectory("prometheus-test");
			int port;
			try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = free.getLocalPort();
			}
			StringBuilder config = new StringBuilder("""
					global:
					  scrape_interval: 1s
					  scrape_timeout: 1s
					  evaluation_interval: 1s
					scrape_configs:
					  - job_name: switchboard
					    metrics_path: /actuator/prometheus
					    static_configs:
					      - targets: ['%s']
					rule_files:
					""".formatted(target));
			for (Path rules : ruleFiles) {
				config.append("  - '").append(rules.toAbsolutePath()).append("'\n");
			}
			Path configFile = Files.writeString(directory.resolve("prometheus.yml"), config);
			Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
					"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
					"--log.level=warn")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("prometheus.log").toFile())
				.start();
			PrometheusServer server = new PrometheusServer(directory, port, process);
			try {
				await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(server::isReady);
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An instant query ({@code /api/v1/query}): its {@code data.result}.
	 */
	JsonNode query(String promql) {
		return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("data")
			.get("result");
	}

	/**
	 * A range query ({@code /api/v1/query_range}, one point every 2 s): its
	 * {@code data.result}, one element per series with its {@code values}.
	 */
	JsonNode queryRange(String promql, Instant start, Instant end) {
		return get("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start="
				+ start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=2")
			.get("data")
			.get("result");
	}

	/**
	 * The {@code data} of a GET to the HTTP API, e.g. {@code /api/v1/rules}; fails unless
	 * the status is success.
	 */
	JsonNode get(String path) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = json.readTree(response.body());
			if (!"success".equals(body.path("status").asString(""))) {
				throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
			}
			return body;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean isReady() throws IOException, InterruptedException {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("prometheus exited: " + log());
		}
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/-/ready")).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode() == 200;
	}

	String log() {
		try {
			return Files.readString(this.directory.resolve("prometheus.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/**
	 * Run {@code promtool} with these arguments in a directory, within 60 s.
	 * @return its exit code and output
	 */
	static PromtoolResult promtool(Path workingDirectory, String... arguments) {
		Path binary = require("promtool");
		try {
			Process process = new ProcessBuilder(
					Stream.concat(Stream.of(binary.toString()), Stream.of(arguments)).toList())
				.directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("promtool did not end within 60 s: " + output);
			}
			return new PromtoolResult(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record PromtoolResult(int exitCode, String output) {
	}

	/**
	 * Stop it (SIGTERM, then SIGKILL after 10 s) and delete its data.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The binary, or the test is skipped (failed with switchboard.prometheus.required).
	 */
	static Path require(String name) {
		Optional<Path> binary = Stream
			.concat(Stream.of(System.getenv("PATH").split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/sbin"))
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
		if (binary.isEmpty()) {
			String reason = name + " is not installed (apt-get install prometheus)";
			if (Boolean.getBoolean("switchboard.prometheus.required")) {
				throw new IllegalStateException(reason);
			}
			Assumptions.abort(reason);
		}
		return binary.get();
	}

}
