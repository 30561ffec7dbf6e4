package io.switchboard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The Helm chart, linted and rendered by Helm itself (helm-java), its output parsed as
 * typed Kubernetes objects.
 */
class HelmChartTests {

	private static final Path CHART = Path.of("helm/switchboard");

	private static final Path CUSTOM_VALUES = Path.of("src/test/resources/helm/custom-values.yaml");

	@Test
	void chartPassesStrictLint() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
	}

	@Test
	void defaultsRenderConfigMapDeploymentServicesAndServiceAccountOnly() {
		List<HasMetadata> objects = render();
		assertThat(objects.stream().map(HasMetadata::getKind).sorted()).containsExactly("ConfigMap", "Deployment",
				"Service", "Service", "ServiceAccount");
	}

	@Test
	void containerAndServicesExposeTcpAndUdpChatEchoAndHttp() {
		List<HasMetadata> objects = render();
		Container container = container(objects);
		assertThat(container.getPorts().stream().map(this::describe)).containsExactlyInAnyOrder("chat-tcp 9999/TCP",
				"chat-udp 9999/UDP", "echo-tcp 9007/TCP", "echo-udp 9007/UDP", "http 8080/TCP");
		Service clients = service(objects, "rel-switchboard");
		assertThat(clients.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(clients.getSpec().getPorts().stream().map(this::describe)).containsExactlyInAnyOrder(
				"chat-tcp 9999/TCP->chat-tcp", "chat-udp 9999/UDP->chat-udp", "echo-tcp 9007/TCP->echo-tcp",
				"echo-udp 9007/UDP->echo-udp");
		assertThat(service(objects, "rel-switchboard-http").getSpec().getPorts().stream().map(this::describe))
			.containsExactly("http 8080/TCP->http");
		Set<String> containerPortNames = container.getPorts()
			.stream()
			.map(ContainerPort::getName)
			.collect(Collectors.toSet());
		for (Service service : KubernetesManifests.ofType(objects, Service.class)) {
			assertThat(service.getSpec().getSelector()).isNotEmpty();
			assertThat(deployment(objects).getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(service.getSpec().getSelector());
			service.getSpec()
				.getPorts()
				.forEach((port) -> assertThat(containerPortNames).contains(port.getTargetPort().getStrVal()));
		}
		assertThat(deployment(objects).getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(deployment(objects).getSpec().getSelector().getMatchLabels());
	}

	@Test
	void probesUseTheActuatorHealthGroupsOnTheHttpPort() {
		Container container = container(render());
		assertThat(httpGet(container.getStartupProbe().getHttpGet())).isEqualTo("/actuator/health/liveness on http");
		assertThat(httpGet(container.getLivenessProbe().getHttpGet())).isEqualTo("/actuator/health/liveness on http");
		assertThat(httpGet(container.getReadinessProbe().getHttpGet())).isEqualTo("/actuator/health/readiness on http");
	}

	@Test
	void podRunsAsFixedNonRootUserWithoutPrivilegesOnAReadOnlyRootFilesystem() {
		List<HasMetadata> objects = render();
		PodSpec pod = deployment(objects).getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
		Container container = container(objects);
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getVolumeMounts().stream().map((mount) -> mount.getMountPath())).contains("/tmp");
		assertThat(pod.getVolumes().stream().filter((volume) -> volume.getName().equals("tmp")))
			.allMatch((volume) -> volume.getEmptyDir() != null);
		assertThat(container.getResources().getLimits()).containsKey("memory");
	}

	@Test
	void gracePeriodCoversPreStopDrainAndCloseAndRollingUpdateKeepsCapacity() {
		for (List<HasMetadata> objects : List.of(render(), renderCustom())) {
			Deployment deployment = deployment(objects);
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			int preStop = container(objects).getLifecycle().getPreStop().getSleep().getSeconds().intValue();
			String drainTimeout = container(objects).getEnv()
				.stream()
				.filter((env) -> env.getName().equals("SWITCHBOARD_SHUTDOWN_DRAIN_TIMEOUT"))
				.findFirst()
				.orElseThrow()
				.getValue();
			int drain = Integer.parseInt(drainTimeout.replace("s", ""));
			assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(preStop + drain + 2L + 1);
			assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
		}
	}

	@Test
	void configMapCarriesSettingsAndItsChecksumRestartsPodsWhenTheyChange() {
		List<HasMetadata> defaults = render();
		List<HasMetadata> custom = renderCustom();
		String application = KubernetesManifests.one(custom, ConfigMap.class).getData().get("application.yaml");
		assertThat(application).contains("max-clients: 20000", "announce-presence: true", "idle-timeout: 10m",
				"enabled: false");
		assertThat(container(custom).getEnv().stream().map((env) -> env.getName() + "=" + env.getValue())).contains(
				"SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/config/", "SWITCHBOARD_SHUTDOWN_DRAIN_TIMEOUT=20s");
		String before = deployment(defaults).getSpec()
			.getTemplate()
			.getMetadata()
			.getAnnotations()
			.get("checksum/config");
		String after = deployment(custom).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
		assertThat(before).hasSize(64).isNotEqualTo(after);
	}

	@Test
	void aSeparateManagementPortCarriesProbesAndScrapes() {
		List<HasMetadata> objects = renderCustom();
		Container container = container(objects);
		assertThat(container.getPorts().stream().map(this::describe)).contains("management 8081/TCP");
		assertThat(httpGet(container.getReadinessProbe().getHttpGet()))
			.isEqualTo("/actuator/health/readiness on management");
		assertThat(httpGet(container.getLivenessProbe().getHttpGet()))
			.isEqualTo("/actuator/health/liveness on management");
		assertThat(service(objects, "rel-switchboard-http").getSpec().getPorts().stream().map(this::describe))
			.contains("management 8081/TCP->management");
		assertThat(KubernetesManifests.one(objects, ConfigMap.class).getData().get("application.yaml"))
			.contains("management:\n  server:\n    port: 8081");
	}

	@Test
	void adminPasswordComesFromAnExistingSecretAndIsAbsentByDefault() {
		assertThat(container(render()).getEnv().stream().map((env) -> env.getName()))
			.doesNotContain("SWITCHBOARD_ADMIN_PASSWORD");
		var password = container(renderCustom()).getEnv()
			.stream()
			.filter((env) -> env.getName().equals("SWITCHBOARD_ADMIN_PASSWORD"))
			.findFirst()
			.orElseThrow();
		assertThat(password.getValue()).isNull();
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("switchboard-admin");
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
	}

	@Test
	void customValuesSplitUdpUseLoadBalancersAndEnablePdbHpaAndServiceMonitor() {
		List<HasMetadata> objects = renderCustom();
		assertThat(container(objects).getImage()).isEqualTo("registry.example.com/chat/switchboard:1.2.3");
		Service tcp = service(objects, "rel-switchboard");
		Service udp = service(objects, "rel-switchboard-udp");
		assertThat(tcp.getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(tcp.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
		assertThat(tcp.getSpec().getPorts().stream().map(this::describe))
			.containsExactly("chat-tcp 9999/TCP->chat-tcp");
		assertThat(udp.getSpec().getPorts().stream().map(this::describe))
			.containsExactly("chat-udp 9999/UDP->chat-udp");
		assertThat(KubernetesManifests.one(objects, PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal())
			.isEqualTo(1);
		HorizontalPodAutoscaler hpa = KubernetesManifests.one(objects, HorizontalPodAutoscaler.class);
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
		assertThat(deployment(objects).getSpec().getReplicas()).as("the HPA owns replicas").isNull();
		assertThat(objects.stream().filter((o) -> o.getKind().equals("ServiceMonitor"))).hasSize(1);
	}

	@Test
	void clusterSettingsReachTheContainerWithThePodNameAsNodeAndThePasswordFromASecret() {
		assertThat(container(render()).getEnv().stream().map((env) -> env.getName()))
			.noneMatch((name) -> name.startsWith("SWITCHBOARD_CLUSTER") || name.startsWith("SPRING_DATA_REDIS"));
		Map<String, io.fabric8.kubernetes.api.model.EnvVar> env = container(renderCustom()).getEnv()
			.stream()
			.collect(Collectors.toMap((e) -> e.getName(), (e) -> e));
		assertThat(env.get("SWITCHBOARD_CLUSTER_ENABLED").getValue()).isEqualTo("true");
		assertThat(env.get("SWITCHBOARD_CLUSTER_REQUIRED").getValue()).isEqualTo("false");
		assertThat(env.get("SWITCHBOARD_CLUSTER_NODE_ID").getValueFrom().getFieldRef().getFieldPath())
			.isEqualTo("metadata.name");
		assertThat(env.get("SPRING_DATA_REDIS_HOST").getValue()).isEqualTo("redis.chat.svc.cluster.local");
		assertThat(env.get("SPRING_DATA_REDIS_PORT").getValue()).isEqualTo("6379");
		assertThat(env.get("SPRING_DATA_REDIS_SSL_ENABLED").getValue()).isEqualTo("true");
		assertThat(env.get("SPRING_DATA_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName())
			.isEqualTo("switchboard-redis");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("cluster.enabled", true).call())
			.withMessageContaining("cluster.redis.host");
	}

	@Test
	void notesWarnThatSeveralReplicasCannotSeeEachOtherWithoutTheCluster() {
		String single = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(single).contains("kubectl -n chat port-forward svc/rel-switchboard 9999:9999")
			.contains("curl -s localhost:8080/actuator/health")
			.doesNotContain("WARNING");
		String several = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.set("replicaCount", 2)
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(several).contains("WARNING: more than one pod without cluster.enabled");
		String clustered = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.set("replicaCount", 2)
			.set("cluster.enabled", true)
			.set("cluster.redis.host", "redis")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(clustered).doesNotContain("WARNING").contains("/actuator/health/cluster");
	}

	@Test
	void schemaRefusesValuesOfTheWrongType() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("ports.chat", "abc").call())
			.withMessageContaining("ports");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("service.type", "Cluster").call())
			.withMessageContaining("service");
	}

	@Test
	void helmTestPodChecksABroadcastThroughTheService() throws Exception {
		// helm-java's template leaves test hooks out; lint (above) renders them, and the
		// command is checked here against the classes the image holds.
		String pod = Files.readString(CHART.resolve("templates/tests/test-broadcast.yaml"));
		assertThat(pod).contains("helm.sh/hook: test")
			.contains("- io.switchboard.health.BroadcastCheck")
			.contains("- /app/app.jar");
		assertThat(Class.forName("io.switchboard.health.BroadcastCheck").getMethod("main", String[].class)).isNotNull();
	}

	@Test
	void renderedObjectsPassTheKubernetesSchemasWhereNodeIsPresent() throws Exception {
		Path checker = Path.of(".ci/k8s-schema");
		assumeThat(checker.resolve("node_modules/kubernetes-models"))
			.as("npm ci --prefix .ci/k8s-schema (as .ci/run does)")
			.exists();
		Path dir = Files.createDirectories(Path.of("target/helm-rendered"));
		Path defaults = Files.writeString(dir.resolve("default.yaml"),
				new Helm(CHART).template().withName("rel").call());
		Path custom = Files.writeString(dir.resolve("custom.yaml"),
				new Helm(CHART).template().withName("rel").withValuesFile(CUSTOM_VALUES).call());
		Process node = new ProcessBuilder("node", checker.resolve("check.js").toString(), defaults.toString(),
				custom.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(node.waitFor()).as(output).isZero();
		assertThat(output).contains("0 invalid");
	}

	private List<HasMetadata> render() {
		return withoutHooks(KubernetesManifests.parse(new Helm(CHART).template().withName("rel").call()));
	}

	private List<HasMetadata> renderCustom() {
		return withoutHooks(KubernetesManifests
			.parse(new Helm(CHART).template().withName("rel").withValuesFile(CUSTOM_VALUES).call(), "ServiceMonitor"));
	}

	private static List<HasMetadata> withoutHooks(List<HasMetadata> objects) {
		return objects.stream()
			.filter((o) -> o.getMetadata().getAnnotations() == null
					|| !o.getMetadata().getAnnotations().containsKey("helm.sh/hook"))
			.toList();
	}

	private static Deployment deployment(List<HasMetadata> objects) {
		return KubernetesManifests.one(objects, Deployment.class);
	}

	private static Container container(List<HasMetadata> objects) {
		List<Container> containers = deployment(objects).getSpec().getTemplate().getSpec().getContainers();
		assertThat(containers).hasSize(1);
		return containers.getFirst();
	}

	private static Service service(List<HasMetadata> objects, String name) {
		Map<String, Service> byName = new HashMap<>();
		KubernetesManifests.ofType(objects, Service.class).forEach((s) -> byName.put(s.getMetadata().getName(), s));
		assertThat(byName).containsKey(name);
		return byName.get(name);
	}

	private String describe(ContainerPort port) {
		return port.getName() + " " + port.getContainerPort() + "/" + port.getProtocol();
	}

	private String describe(ServicePort port) {
		return port.getName() + " " + port.getPort() + "/" + port.getProtocol() + "->"
				+ port.getTargetPort().getStrVal();
	}

	private static String httpGet(HTTPGetAction action) {
		return action.getPath() + " on " + action.getPort().getStrVal();
	}

}
