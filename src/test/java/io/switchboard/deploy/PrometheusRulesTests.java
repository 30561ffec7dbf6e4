package io.switchboard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules pass Prometheus's own checks, and its rule unit tests
 * ({@code docs/prometheus/switchboard-rules.test.yaml}) show each alert firing for a node
 * in trouble and not for a healthy one, nor before its {@code for}.
 */
class PrometheusRulesTests {

	private static final Path DOCS = Path.of("docs/prometheus");

	@Test
	void rulesFilePassesPromtoolCheck() {
		PrometheusServer.PromtoolResult result = PrometheusServer.promtool(DOCS, "check", "rules",
				"switchboard-rules.yaml");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: 8 rules found");
	}

	@Test
	void everyAlertFiresAsItsUnitTestsExpect() {
		PrometheusServer.PromtoolResult result = PrometheusServer.promtool(DOCS, "test", "rules",
				"switchboard-rules.test.yaml");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void theUnitTestsCoverEveryAlert() throws Exception {
		String rules = Files.readString(DOCS.resolve("switchboard-rules.yaml"));
		String tests = Files.readString(DOCS.resolve("switchboard-rules.test.yaml"));
		List<String> alerts = rules.lines()
			.map(String::trim)
			.filter((line) -> line.startsWith("- alert: "))
			.map((line) -> line.substring("- alert: ".length()))
			.toList();
		assertThat(alerts).hasSize(8);
		for (String alert : alerts) {
			// once expected silent and once expected to fire
			assertThat(tests).as(alert).containsPattern("alertname: " + alert + "\\s+exp_alerts: \\[\\]");
			assertThat(tests).as(alert).containsPattern("alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels");
		}
	}

}
