package io.switchboard.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.cluster.ClusterNode;
import io.switchboard.cluster.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard and the alert rules against the real thing: a Switchboard node (in a
 * cluster, on a real Redis, so the cluster panels have data) scraped every second by a
 * real Prometheus, both on loopback. After some chat and a slow consumer cut, every query
 * of the dashboard returns a number, and the rules load and evaluate cleanly.
 */
class PrometheusDashboardTests {

	/** What Grafana puts in for its variables: every job and instance, a 5 m window. */
	private static final List<String[]> VARIABLES = List.of(new String[] { "$__rate_interval", "5m" },
			new String[] { "$job", ".*" }, new String[] { "$instance", ".*" });

	private static RedisServer redis;

	private static ClusterNode node;

	private static PrometheusServer prometheus;

	@BeforeAll
	static void start() {
		PrometheusServer.require("prometheus");
		redis = RedisServer.start();
		// Small outboxes, so one client that never reads is cut after a few lines; no
		// echo to the sender, so only the client that never reads falls behind.
		node = ClusterNode.start("dashboard", redis.port(), "--switchboard.client.outbox-bytes=64KB",
				"--switchboard.client.outbox-hard-bytes=64KB", "--switchboard.echo-to-sender=false");
		prometheus = PrometheusServer.start("127.0.0.1:" + node.server().httpPort(),
				OperationsPackChartTests.DOCS_RULES);
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable running : new AutoCloseable[] { prometheus, node, redis }) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	void everyDashboardQueryReturnsNumbersFromAServerInUse() throws Exception {
		Instant start = Instant.now();
		chatAndCutASlowConsumer(node.server());
		awaitAGcPause(node.server());
		List<String> expressions = GrafanaDashboardTests.expressions(GrafanaDashboardTests.dashboard());
		Set<String> executed = new LinkedHashSet<>();
		for (String expression : expressions) {
			String promql = substitute(expression);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(numbers(prometheus.query(promql))).as(promql).isNotEmpty());
			executed.add(expression);
		}
		assertThat(executed).containsExactlyInAnyOrderElementsOf(expressions);
		// The picture of the dashboard in docs/operations.md (docs/grafana/dashboard.png
		// is a copy).
		Path picture = Path.of("target/screenshots/dashboard.png");
		DashboardPicture.render(GrafanaDashboardTests.dashboard(), PrometheusDashboardTests::substitute, prometheus,
				start.minusSeconds(10), Instant.now(), picture);
		assertThat(picture).isNotEmptyFile();
		assertThat(numbers(prometheus.query(substitute(
				"sum by (reason) (switchboard_connections_closed_total{job=~\"$job\", instance=~\"$instance\", reason=\"slow-consumer\"})"))))
			.as("the slow consumer's cut is on the disconnects panel")
			.isNotEmpty();
		// The job and instance variables' label_values(switchboard_clients, ...) queries.
		assertThat(prometheus.get("/api/v1/label/job/values?match[]=switchboard_clients").get("data"))
			.extracting(JsonNode::asString)
			.containsExactly("switchboard");
		assertThat(prometheus.get("/api/v1/label/instance/values?match[]=switchboard_clients").get("data"))
			.extracting(JsonNode::asString)
			.containsExactly("127.0.0.1:" + node.server().httpPort());
	}

	@Test
	void alertRulesLoadIntoPrometheusAndEvaluateWithoutErrors() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode groups = prometheus.get("/api/v1/rules").at("/data/groups");
			assertThat(groups).hasSize(1);
			List<String> health = new ArrayList<>();
			groups.get(0)
				.get("rules")
				.forEach((rule) -> health.add(rule.get("name").asString() + " " + rule.get("health").asString() + " "
						+ rule.path("lastError").asString("")));
			assertThat(health).hasSize(8).allMatch((rule) -> rule.endsWith(" ok "), "evaluated without error");
		});
		assertThat(prometheus.query("ALERTS{alertname=\"SwitchboardDown\"}")).as("the node is up").isEmpty();
	}

	/**
	 * Two clients chat; a third never reads and is cut as a slow consumer.
	 */
	private static void chatAndCutASlowConsumer(ChatServer server) {
		int port = server.tcpPort();
		try (LineClient alice = LineClient.connected(port);
				LineClient bob = LineClient.connected(port);
				LineClient stuck = new LineClient(port, StandardCharsets.UTF_8, 4096)) {
			stuck.readLine();
			for (LineClient client : new LineClient[] { alice, bob, stuck }) {
				assertThat(client.command("/join dashboard")).isEqualTo("* you are now in room dashboard");
			}
			String padding = "p".repeat(400);
			double droppedBefore = dropped(server);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
				for (int i = 0; i < 20; i++) {
					alice.send(i + " " + padding);
					assertThat(bob.readLine()).endsWith(i + " " + padding);
				}
				return dropped(server) > droppedBefore;
			});
			assertThat(bob.command("/ping")).isEqualTo("* pong");
			alice.send("quit");
		}
	}

	/**
	 * Garbage until a young collection is on the GC panel (the node runs in this JVM).
	 * Not System.gc(): a full collection shrank the heap, and the next test class, which
	 * bounds how much resident memory it adds, saw the heap grow back as its own growth.
	 */
	private static void awaitAGcPause(ChatServer server) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			byte[][] garbage = new byte[32][];
			for (int i = 0; i < garbage.length; i++) {
				garbage[i] = new byte[1024 * 1024];
			}
			return garbage.length > 0
					&& server.get("/actuator/prometheus").body().contains("jvm_gc_pause_seconds_count{");
		});
	}

	private static double dropped(ChatServer server) {
		return server.get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith("switchboard_messages_dropped_total{")
					&& line.contains("reason=\"slow-consumer\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static String substitute(String expression) {
		String promql = expression;
		for (String[] variable : VARIABLES) {
			promql = promql.replace(variable[0], variable[1]);
		}
		assertThat(promql).as("every Grafana variable is replaced").doesNotContain("$");
		return promql;
	}

	/**
	 * The finite sample values of an instant query's result (NaN, as from a histogram
	 * without observations, is no data).
	 */
	private static List<Double> numbers(JsonNode result) {
		List<Double> numbers = new ArrayList<>();
		for (JsonNode sample : result) {
			double value = Double.parseDouble(sample.get("value").get(1).asString());
			if (Double.isFinite(value)) {
				numbers.add(value);
			}
		}
		return numbers;
	}

}
