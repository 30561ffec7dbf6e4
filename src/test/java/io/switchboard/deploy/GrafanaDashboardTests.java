package io.switchboard.deploy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's structure: Grafana picks the Prometheus data source through a variable,
 * and every panel queries it. {@link PrometheusDashboardTests} runs each query against a
 * real Prometheus.
 */
class GrafanaDashboardTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	static JsonNode dashboard() throws Exception {
		return json.readTree(Files.readString(OperationsPackChartTests.DOCS_DASHBOARD));
	}

	/**
	 * Every query of every panel, in panel order.
	 */
	static List<String> expressions(JsonNode dashboard) {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.get("expr").asString());
			}
		}
		return expressions;
	}

	@Test
	void dataSourceIsAPrometheusVariable() throws Exception {
		JsonNode dashboard = dashboard();
		assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
		assertThat(dashboard.get("uid").asString()).isEqualTo("switchboard");
		JsonNode datasource = variable(dashboard, "datasource");
		assertThat(datasource.get("type").asString()).isEqualTo("datasource");
		assertThat(datasource.get("query").asString()).isEqualTo("prometheus");
		for (String name : List.of("job", "instance")) {
			JsonNode variable = variable(dashboard, name);
			assertThat(variable.get("type").asString()).isEqualTo("query");
			assertThat(variable.at("/datasource/uid").asString()).isEqualTo("${datasource}");
			assertThat(variable.get("includeAll").asBoolean()).isTrue();
		}
	}

	@Test
	void everyPanelQueriesTheVariableDataSourceForTheSelectedJobsAndInstances() throws Exception {
		JsonNode dashboard = dashboard();
		List<Integer> ids = new ArrayList<>();
		int panels = 0;
		for (JsonNode panel : dashboard.get("panels")) {
			ids.add(panel.get("id").asInt());
			if (panel.get("type").asString().equals("row")) {
				continue;
			}
			panels++;
			String title = panel.get("title").asString();
			assertThat(panel.at("/datasource/uid").asString()).as(title).isEqualTo("${datasource}");
			assertThat(panel.get("description").asString()).as(title).isNotBlank();
			assertThat(panel.get("targets")).as(title).isNotEmpty();
			for (JsonNode target : panel.get("targets")) {
				assertThat(target.at("/datasource/uid").asString()).as(title).isEqualTo("${datasource}");
				assertThat(target.get("expr").asString()).as(title).contains("job=~\"$job\", instance=~\"$instance\"");
			}
		}
		assertThat(ids).doesNotHaveDuplicates();
		assertThat(panels).isEqualTo(18);
	}

	private static JsonNode variable(JsonNode dashboard, String name) {
		for (JsonNode variable : dashboard.at("/templating/list")) {
			if (variable.get("name").asString().equals(name)) {
				return variable;
			}
		}
		throw new AssertionError("no variable " + name);
	}

}
