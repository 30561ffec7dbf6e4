package io.switchboard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The chart's part of the operations pack: the Grafana dashboard and the alert rules (the
 * very files in {@code docs/}), logs, pod spreading and the NetworkPolicy.
 */
class OperationsPackChartTests {

	private static final Path CHART = Path.of("helm/switchboard");

	static final Path CHART_DASHBOARD = CHART.resolve("files/grafana/switchboard-dashboard.json");

	static final Path DOCS_DASHBOARD = Path.of("docs/grafana/switchboard-dashboard.json");

	static final Path CHART_RULES = CHART.resolve("files/prometheus/switchboard-rules.yaml");

	static final Path DOCS_RULES = Path.of("docs/prometheus/switchboard-rules.yaml");

	@Test
	void theChartShipsTheSameDashboardAndRulesAsTheDocs() throws Exception {
		// .Files.Get reads only inside the chart, so docs/ holds a copy: keep them equal.
		assertThat(Files.readString(CHART_DASHBOARD)).isEqualTo(Files.readString(DOCS_DASHBOARD));
		assertThat(Files.readString(CHART_RULES)).isEqualTo(Files.readString(DOCS_RULES));
	}

	@Test
	void dashboardConfigMapOnlyWhenEnabledWithTheSidecarLabelAndTheWholeDashboard() throws Exception {
		assertThat(configMapNames(render())).noneMatch((name) -> name.endsWith("-dashboard"));
		List<HasMetadata> objects = render("grafana.dashboard.enabled", "true",
				"grafana.dashboard.annotations.grafana_folder", "Chat");
		ConfigMap dashboard = KubernetesManifests.ofType(objects, ConfigMap.class)
			.stream()
			.filter((map) -> map.getMetadata().getName().equals("rel-switchboard-dashboard"))
			.findFirst()
			.orElseThrow();
		assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
		assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Chat");
		assertThat(dashboard.getData().get("switchboard-dashboard.json"))
			.isEqualTo(Files.readString(DOCS_DASHBOARD).stripTrailing());
	}

	@Test
	void prometheusRuleOnlyWhenEnabledCarriesTheRuleGroupsOfTheDocsFile() throws Exception {
		assertThat(render().stream().map(HasMetadata::getKind)).doesNotContain("PrometheusRule");
		List<HasMetadata> objects = render("prometheusRule.enabled", "true", "prometheusRule.labels.release",
				"kube-prometheus-stack");
		GenericKubernetesResource rule = KubernetesManifests.one(objects, GenericKubernetesResource.class);
		assertThat(rule.getKind()).isEqualTo("PrometheusRule");
		assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
		Map<String, Object> docs = new Yaml().load(Files.readString(DOCS_RULES));
		assertThat(rule.getAdditionalProperties().get("spec")).isEqualTo(Map.of("groups", docs.get("groups")));
	}

	@Test
	void logFormatAndAuditReachTheApplicationSettingsAndTheSchemaRefusesAnUnknownFormat() {
		String defaults = KubernetesManifests.one(render(), ConfigMap.class).getData().get("application.yaml");
		Map<String, Map<String, Object>> settings = new Yaml().load(defaults);
		assertThat(settings.get("switchboard")).containsEntry("logging", Map.of("format", "text"))
			.containsEntry("audit", Map.of("enabled", true));
		String ecs = KubernetesManifests.one(render("logging.format", "ecs", "logging.audit", "false"), ConfigMap.class)
			.getData()
			.get("application.yaml");
		settings = new Yaml().load(ecs);
		assertThat(settings.get("switchboard")).containsEntry("logging", Map.of("format", "ecs"))
			.containsEntry("audit", Map.of("enabled", false));
		assertThatIllegalStateException().isThrownBy(() -> render("logging.format", "json"))
			.withMessageContaining("logging");
	}

	@Test
	void podsPreferDifferentNodesByDefaultSelectedByTheChartsLabels() {
		Deployment deployment = KubernetesManifests.one(render(), Deployment.class);
		List<TopologySpreadConstraint> constraints = deployment.getSpec()
			.getTemplate()
			.getSpec()
			.getTopologySpreadConstraints();
		assertThat(constraints).singleElement().satisfies((constraint) -> {
			assertThat(constraint.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
			assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
			assertThat(constraint.getMaxSkew()).isEqualTo(1);
			assertThat(constraint.getLabelSelector().getMatchLabels())
				.isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
		});
		Deployment zones = KubernetesManifests
			.one(render("topologySpreadConstraints[0].maxSkew", "2", "topologySpreadConstraints[0].topologyKey",
					"topology.kubernetes.io/zone", "topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule"),
					Deployment.class);
		assertThat(zones.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement()
			.satisfies(
					(constraint) -> assertThat(constraint.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
	}

	@Test
	void networkPolicyKeepsChatPortsOpenAndTheManagementPortToTheMonitoringNamespace() {
		assertThat(KubernetesManifests.ofType(render(), NetworkPolicy.class)).isEmpty();
		NetworkPolicy policy = KubernetesManifests
			.one(render("networkPolicy.enabled", "true", "ports.management", "8081"), NetworkPolicy.class);
		assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
		assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name",
				"switchboard");
		List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0).getFrom()).as("clients come from anywhere").isNullOrEmpty();
		assertThat(rules.get(0).getPorts().stream().map(OperationsPackChartTests::describe))
			.containsExactly("chat-tcp/TCP", "chat-udp/UDP", "echo-tcp/TCP", "echo-udp/UDP", "irc/TCP", "http/TCP");
		assertThat(rules.get(1).getPorts().stream().map(OperationsPackChartTests::describe))
			.containsExactly("management/TCP");
		assertThat(rules.get(1).getFrom()).singleElement()
			.satisfies((peer) -> assertThat(peer.getNamespaceSelector().getMatchLabels())
				.containsEntry("kubernetes.io/metadata.name", "monitoring"));
	}

	/**
	 * {@code helm package}: the archive CI keeps ({@code target/helm/}) renders what the
	 * chart directory renders, dashboard and rules included.
	 */
	@Test
	void chartPackagesIntoAnArchiveThatRendersLikeTheChartDirectory() throws Exception {
		Path destination = Files.createDirectories(Path.of("target/helm"));
		Path archive = destination.resolve("switchboard-0.1.0.tgz");
		Files.deleteIfExists(archive);
		new Helm(CHART).packageIt().withDestination(destination).call();
		assertThat(archive).isNotEmptyFile();
		// The dashboard and the rules are read with .Files.Get: an archive without them
		// would render empty ones.
		String[] values = { "grafana.dashboard.enabled", "true", "prometheusRule.enabled", "true" };
		assertThat(template(archive, values)).isEqualTo(template(CHART, values));
	}

	private static String template(Path chart, String... keysAndValues) {
		var template = new Helm(chart).template().withName("rel");
		for (int i = 0; i < keysAndValues.length; i += 2) {
			template.set(keysAndValues[i], keysAndValues[i + 1]);
		}
		return template.call();
	}

	private static String describe(NetworkPolicyPort port) {
		return port.getPort().getStrVal() + "/" + port.getProtocol();
	}

	private static List<String> configMapNames(List<HasMetadata> objects) {
		return KubernetesManifests.ofType(objects, ConfigMap.class)
			.stream()
			.map((map) -> map.getMetadata().getName())
			.toList();
	}

	private static List<HasMetadata> render(String... keysAndValues) {
		var template = new Helm(CHART).template().withName("rel");
		for (int i = 0; i < keysAndValues.length; i += 2) {
			template.set(keysAndValues[i], keysAndValues[i + 1]);
		}
		return KubernetesManifests.parse(template.call(), "PrometheusRule")
			.stream()
			.filter((o) -> o.getMetadata().getAnnotations() == null
					|| !o.getMetadata().getAnnotations().containsKey("helm.sh/hook"))
			.toList();
	}

}
