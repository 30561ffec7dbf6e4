package io.switchboard.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
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
	void containerAndServicesExposeTcpAndUdpChatIrcEchoAndHttp() {
		List<HasMetadata> objects = render();
		Container container = container(objects);
		assertThat(container.getPorts().stream().map(this::describe)).containsExactlyInAnyOrder("chat-tcp 9999/TCP",
				"chat-udp 9999/UDP", "irc 6667/TCP", "echo-tcp 9007/TCP", "echo-udp 9007/UDP", "http 8080/TCP");
		Service clients = service(objects, "rel-switchboard");
		assertThat(clients.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(clients.getSpec().getPorts().stream().map(this::describe)).containsExactlyInAnyOrder(
				"chat-tcp 9999/TCP->chat-tcp", "chat-udp 9999/UDP->chat-udp", "irc 6667/TCP->irc",
				"echo-tcp 9007/TCP->echo-tcp", "echo-udp 9007/UDP->echo-udp");
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
	void gracePeriodCoversPreStopLameDuckDrainAndCloseAndRollingUpdateKeepsCapacity() {
		for (List<HasMetadata> objects : List.of(render(), renderCustom())) {
			Deployment deployment = deployment(objects);
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			int preStop = container(objects).getLifecycle().getPreStop().getSleep().getSeconds().intValue();
			int drain = seconds(env(objects).get("SWITCHBOARD_SHUTDOWN_DRAIN_TIMEOUT").getValue());
			int lameDuck = seconds(env(objects).get("SWITCHBOARD_SHUTDOWN_LAME_DUCK").getValue());
			assertThat(pod.getTerminationGracePeriodSeconds())
				.isGreaterThanOrEqualTo(preStop + lameDuck + drain + 2L + 1);
			assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
		}
		assertThat(env(render()).get("SWITCHBOARD_SHUTDOWN_LAME_DUCK").getValue()).as("off by default").isEqualTo("0s");
		List<HasMetadata> custom = renderCustom();
		assertThat(env(custom).get("SWITCHBOARD_SHUTDOWN_LAME_DUCK").getValue()).isEqualTo("30s");
		assertThat(deployment(custom).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isEqualTo(10 + 30 + 20 + 2 + 3);
	}

	private static int seconds(String duration) {
		return Integer.parseInt(duration.replace("s", ""));
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
		assertThat(tcp.getSpec().getPorts().stream().map(this::describe)).containsExactly("chat-tcp 9999/TCP->chat-tcp",
				"irc 6667/TCP->irc");
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
		Map<String, EnvVar> env = container(renderCustom()).getEnv()
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
	void redisBehindSentinelOrARedisClusterReplacesHostAndPort() throws IOException {
		Map<String, EnvVar> sentinel = env(renderValues("""
				cluster:
				  enabled: true
				  redis:
				    sentinel:
				      master: chat
				      nodes: [sentinel-0.redis:26379, sentinel-1.redis:26379]
				"""));
		assertThat(sentinel.get("SPRING_DATA_REDIS_SENTINEL_MASTER").getValue()).isEqualTo("chat");
		assertThat(sentinel.get("SPRING_DATA_REDIS_SENTINEL_NODES").getValue())
			.isEqualTo("sentinel-0.redis:26379,sentinel-1.redis:26379");
		assertThat(sentinel).doesNotContainKeys("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT",
				"SPRING_DATA_REDIS_CLUSTER_NODES");
		Map<String, EnvVar> cluster = env(renderValues("""
				cluster:
				  enabled: true
				  redis:
				    cluster:
				      nodes: [redis-0.redis:6379, redis-1.redis:6379, redis-2.redis:6379]
				"""));
		assertThat(cluster.get("SPRING_DATA_REDIS_CLUSTER_NODES").getValue())
			.isEqualTo("redis-0.redis:6379,redis-1.redis:6379,redis-2.redis:6379");
		assertThat(cluster).doesNotContainKeys("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_SENTINEL_MASTER");
		assertThatIllegalStateException().isThrownBy(() -> renderValues("""
				cluster:
				  enabled: true
				  redis:
				    sentinel:
				      master: chat
				""")).withMessageContaining("cluster.redis.sentinel.nodes");
		assertThatIllegalStateException().isThrownBy(() -> renderValues("""
				cluster:
				  enabled: true
				  redis:
				    sentinel: {master: chat, nodes: [s:26379]}
				    cluster: {nodes: [r:6379]}
				""")).withMessageContaining("exclude each other");
		assertThatIllegalStateException().isThrownBy(() -> renderValues("""
				cluster:
				  enabled: true
				  redis:
				    cluster: {nodes: [redis-0.redis]}
				""")).withMessageContaining("cluster/redis/cluster/nodes");
	}

	@Test
	void proxyProtocolAndForwardedHeadersReachTheContainerOnlyWhenSet() {
		assertThat(container(render()).getEnv().stream().map((env) -> env.getName())).noneMatch(
				(name) -> name.startsWith("SWITCHBOARD_TCP_PROXY") || name.equals("SERVER_FORWARD_HEADERS_STRATEGY")
						|| name.equals("SWITCHBOARD_HTTP_TRUSTED_PROXIES"));
		assertThat(container(render("proxyProtocol.mode", "off")).getEnv().stream().map((env) -> env.getName()))
			.noneMatch((name) -> name.startsWith("SWITCHBOARD_TCP_PROXY"));
		assertThat(container(renderCustom()).getEnv().stream().map((env) -> env.getName() + "=" + env.getValue()))
			.contains("SWITCHBOARD_TCP_PROXY_PROTOCOL=v2", "SWITCHBOARD_TCP_PROXY_TRUSTED=10.0.0.0/16,192.168.0.0/16",
					"SERVER_FORWARD_HEADERS_STRATEGY=native", "SWITCHBOARD_HTTP_TRUSTED_PROXIES=10.244.0.0/16");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("proxyProtocol.mode", "any").call())
			.withMessageContaining("proxyProtocol.trusted");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("proxyProtocol.mode", "v3").call())
			.withMessageContaining("proxyProtocol");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("forwardHeadersStrategy", "all").call())
			.withMessageContaining("forwardHeadersStrategy");
		assertThatIllegalStateException()
			.isThrownBy(
					() -> new Helm(CHART).template().withName("rel").set("forwardHeadersStrategy", "framework").call())
			.withMessageContaining("forwardHeadersStrategy");
	}

	@Test
	void nothingAboutAuthenticationIsRenderedByDefault() {
		List<HasMetadata> objects = render();
		assertThat(container(objects).getEnv().stream().map((env) -> env.getName()))
			.noneMatch((name) -> name.startsWith("SWITCHBOARD_AUTH"));
		assertThat(container(objects).getVolumeMounts().stream().map((mount) -> mount.getName()))
			.containsExactlyInAnyOrder("config", "tmp");
		assertThat(deployment(objects).getSpec().getTemplate().getSpec().getVolumes().stream().map((v) -> v.getName()))
			.containsExactlyInAnyOrder("config", "tmp");
		// Key sources are ignored until token mode is on.
		assertThat(container(render("auth.jwt.existingSecret", "jwt")).getEnv().stream().map((env) -> env.getName()))
			.noneMatch((name) -> name.startsWith("SWITCHBOARD_AUTH"));
	}

	@Test
	void tokenModeWithAnExistingSecretPassesTheHmacKeyBySecretKeyRef() {
		Map<String, EnvVar> env = env(
				render("auth.mode", "token", "auth.jwt.existingSecret", "switchboard-jwt", "auth.timeout", "30s"));
		assertThat(env.get("SWITCHBOARD_AUTH_MODE").getValue()).isEqualTo("token");
		assertThat(env.get("SWITCHBOARD_AUTH_TIMEOUT").getValue()).isEqualTo("30s");
		assertThat(env.get("SWITCHBOARD_AUTH_JWT_SECRET").getValue()).isNull();
		assertThat(env.get("SWITCHBOARD_AUTH_JWT_SECRET").getValueFrom().getSecretKeyRef().getName())
			.isEqualTo("switchboard-jwt");
		assertThat(env.get("SWITCHBOARD_AUTH_JWT_SECRET").getValueFrom().getSecretKeyRef().getKey())
			.isEqualTo("jwt-secret");
		assertThat(env).doesNotContainKeys("SWITCHBOARD_AUTH_JWT_PUBLIC_KEY_LOCATION",
				"SWITCHBOARD_AUTH_JWT_JWK_SET_URI", "SWITCHBOARD_AUTH_JWT_ISSUER", "SWITCHBOARD_AUTH_JWT_AUDIENCE");
		assertThat(env(render("auth.mode", "token", "auth.jwt.existingSecret", "s", "auth.jwt.secretKey", "hmac"))
			.get("SWITCHBOARD_AUTH_JWT_SECRET")
			.getValueFrom()
			.getSecretKeyRef()
			.getKey()).isEqualTo("hmac");
	}

	@Test
	void tokenModeWithAPublicKeyMountsItReadOnlyAndPointsTheLocationAtTheFile() {
		List<HasMetadata> objects = render("auth.mode", "token", "auth.jwt.publicKey.existingSecret", "jwt-pub",
				"auth.jwt.publicKey.key", "idp.pem");
		Container container = container(objects);
		assertThat(env(objects).get("SWITCHBOARD_AUTH_JWT_PUBLIC_KEY_LOCATION").getValue())
			.isEqualTo("file:/etc/switchboard/jwt/idp.pem");
		assertThat(env(objects)).doesNotContainKeys("SWITCHBOARD_AUTH_JWT_SECRET", "SWITCHBOARD_AUTH_JWT_JWK_SET_URI");
		assertThat(container.getVolumeMounts()).filteredOn((mount) -> mount.getName().equals("jwt-public-key"))
			.singleElement()
			.satisfies((mount) -> {
				assertThat(mount.getMountPath()).isEqualTo("/etc/switchboard/jwt");
				assertThat(mount.getReadOnly()).isTrue();
			});
		assertThat(deployment(objects).getSpec().getTemplate().getSpec().getVolumes())
			.filteredOn((volume) -> volume.getName().equals("jwt-public-key"))
			.singleElement()
			.satisfies((volume) -> {
				assertThat(volume.getSecret().getSecretName()).isEqualTo("jwt-pub");
				assertThat(volume.getSecret().getItems()).singleElement().satisfies((item) -> {
					assertThat(item.getKey()).isEqualTo("idp.pem");
					assertThat(item.getPath()).isEqualTo("idp.pem");
				});
			});
		List<HasMetadata> fromConfigMap = render("auth.mode", "token", "auth.jwt.publicKey.existingConfigMap",
				"jwt-pub");
		assertThat(env(fromConfigMap).get("SWITCHBOARD_AUTH_JWT_PUBLIC_KEY_LOCATION").getValue())
			.isEqualTo("file:/etc/switchboard/jwt/jwt.pub");
		assertThat(deployment(fromConfigMap).getSpec().getTemplate().getSpec().getVolumes())
			.filteredOn((volume) -> volume.getName().equals("jwt-public-key"))
			.singleElement()
			.satisfies((volume) -> assertThat(volume.getConfigMap().getName()).isEqualTo("jwt-pub"));
	}

	@Test
	void tokenModeWithAJwkSetUriPassesItWithIssuerAndAudience() {
		Map<String, EnvVar> env = env(
				render("auth.mode", "token", "auth.jwt.jwkSetUri", "https://idp.example.com/.well-known/jwks.json",
						"auth.jwt.issuer", "https://idp.example.com/", "auth.jwt.audience", "switchboard"));
		assertThat(env.get("SWITCHBOARD_AUTH_MODE").getValue()).isEqualTo("token");
		assertThat(env.get("SWITCHBOARD_AUTH_JWT_JWK_SET_URI").getValue())
			.isEqualTo("https://idp.example.com/.well-known/jwks.json");
		assertThat(env.get("SWITCHBOARD_AUTH_JWT_ISSUER").getValue()).isEqualTo("https://idp.example.com/");
		assertThat(env.get("SWITCHBOARD_AUTH_JWT_AUDIENCE").getValue()).isEqualTo("switchboard");
		assertThat(env).doesNotContainKeys("SWITCHBOARD_AUTH_TIMEOUT", "SWITCHBOARD_AUTH_JWT_SECRET",
				"SWITCHBOARD_AUTH_JWT_PUBLIC_KEY_LOCATION");
	}

	@Test
	void tokenModeFailsTheRenderUnlessExactlyOneKeySourceIsSet() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("auth.mode", "token").call())
			.withMessageContaining("auth.mode=token needs exactly one key source")
			.withMessageContaining("none is set");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template()
				.withName("rel")
				.set("auth.mode", "token")
				.set("auth.jwt.existingSecret", "jwt")
				.set("auth.jwt.jwkSetUri", "https://idp.example.com/jwks")
				.call())
			.withMessageContaining("auth.jwt.existingSecret, auth.jwt.jwkSetUri are set");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template()
				.withName("rel")
				.set("auth.mode", "token")
				.set("auth.jwt.publicKey.existingSecret", "a")
				.set("auth.jwt.publicKey.existingConfigMap", "b")
				.call())
			.withMessageContaining("not both");
	}

	@Test
	void schemaRefusesAnUnknownAuthModeAndAPlainSecret() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("auth.mode", "maybe").call())
			.withMessageContaining("/auth/mode");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("auth.jwt.secret", "plain").call())
			.withMessageContaining("secret");
	}

	@Test
	void notesTellHowClientsPresentTokensOnlyInTokenMode() {
		String none = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(none).doesNotContain("access_token");
		String token = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.set("auth.mode", "token")
			.set("auth.jwt.existingSecret", "jwt")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(token).contains("/auth TOKEN", "/ws?access_token=TOKEN", "#access_token=TOKEN");
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
	void notesReadClientsAndHealthsComponentsWithTheAdminsPasswordWhenThereIsOne() {
		String open = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(open)
			.contains("curl -s localhost:8080/actuator/clients      # no addresses without admin.existingSecret")
			.doesNotContain("$PASSWORD");
		String withAdmin = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.set("admin.existingSecret", "chat-admin")
			.set("cluster.enabled", true)
			.set("cluster.redis.host", "redis")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(withAdmin)
			.contains("PASSWORD=$(kubectl -n chat get secret chat-admin -o jsonpath='{.data.password}' | base64 -d)")
			.contains("curl -s -u admin:$PASSWORD localhost:8080/actuator/clients\n")
			.contains("curl -s -u admin:$PASSWORD localhost:<actuator port>/actuator/health/cluster")
			.contains("with -u admin:$PASSWORD, every component");
	}

	@Test
	void noIngressUnlessEnabled() {
		assertThat(KubernetesManifests.ofType(render(), Ingress.class)).isEmpty();
		assertThat(KubernetesManifests.ofType(render("ingress.hosts[0].host", "chat.example.com"), Ingress.class))
			.isEmpty();
	}

	@Test
	void ingressWithAHostFromTheCommandLineRoutesTheBrowserPathsToTheHttpServicePort() {
		List<HasMetadata> objects = render("ingress.enabled", "true", "ingress.hosts[0].host", "chat.example.com");
		Ingress ingress = KubernetesManifests.one(objects, Ingress.class);
		assertThat(ingress.getMetadata().getName()).isEqualTo("rel-switchboard");
		assertThat(ingress.getSpec().getIngressClassName()).isNull();
		assertThat(ingress.getSpec().getTls()).isNullOrEmpty();
		assertThat(ingress.getMetadata().getAnnotations()).isNullOrEmpty();
		assertThat(ingress.getSpec().getRules()).singleElement()
			.satisfies((rule) -> assertThat(rule.getHost()).isEqualTo("chat.example.com"));
		assertBackendsAreTheHttpPortOfARenderedService(objects, ingress);
		assertThat(routed(ingress.getSpec().getRules().getFirst(), "/ws")).isTrue();
	}

	@Test
	void ingressPathsServeEveryFileOfTheChatAndOperationsPagesButNoActuatorEndpoint() throws Exception {
		List<String> browserPaths = new ArrayList<>(
				List.of("/", "/admin", "/admin/", "/admin/api/clients", "/admin/api/clients/Q3vmx2ka", "/ws"));
		Path staticFiles = Path.of("src/main/resources/static");
		try (var files = Files.walk(staticFiles)) {
			files.filter(Files::isRegularFile)
				.map((file) -> "/" + staticFiles.relativize(file).toString().replace('\\', '/'))
				.forEach(browserPaths::add);
		}
		assertThat(browserPaths).contains("/index.html", "/app.js", "/admin/index.html");
		List<String> actuatorPaths = List.of("/actuator", "/actuator/", "/actuator/health", "/actuator/clients",
				"/actuator/prometheus", "/actuator/metrics/switchboard.clients");
		IngressRule rule = KubernetesManifests
			.one(render("ingress.enabled", "true", "ingress.hosts[0].host", "chat.example.com"), Ingress.class)
			.getSpec()
			.getRules()
			.getFirst();
		assertThat(browserPaths).allSatisfy((path) -> assertThat(routed(rule, path)).as(path).isTrue());
		assertThat(actuatorPaths).allSatisfy((path) -> assertThat(routed(rule, path)).as(path).isFalse());
	}

	@Test
	void ingressPassesClassNameTlsAndQuotedAnnotationsThroughAndNeverRoutesToTheManagementPort() {
		String yaml = new Helm(CHART).template().withName("rel").withValuesFile(CUSTOM_VALUES).call();
		List<HasMetadata> objects = withoutHooks(KubernetesManifests.parse(yaml, "ServiceMonitor"));
		Ingress ingress = KubernetesManifests.one(objects, Ingress.class);
		assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
		assertThat(ingress.getMetadata().getAnnotations()).containsOnly(
				Map.entry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600"),
				Map.entry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600"),
				Map.entry("cert-manager.io/cluster-issuer", "letsencrypt"));
		// Given as a number in the values; the API server refuses an unquoted one.
		assertThat(yaml).contains("nginx.ingress.kubernetes.io/proxy-read-timeout: \"3600\"");
		assertThat(ingress.getSpec().getTls()).singleElement().satisfies((tls) -> {
			assertThat(tls.getSecretName()).isEqualTo("chat-tls");
			assertThat(tls.getHosts()).containsExactly("chat.example.com", "ops.example.com");
		});
		Map<String, IngressRule> rules = ingress.getSpec()
			.getRules()
			.stream()
			.collect(Collectors.toMap(IngressRule::getHost, (rule) -> rule));
		assertThat(rules.keySet()).containsExactlyInAnyOrder("chat.example.com", "ops.example.com");
		assertThat(routed(rules.get("chat.example.com"), "/app.js")).isTrue();
		assertThat(rules.get("ops.example.com").getHttp().getPaths().stream().map(this::describe))
			.as("a host's own paths replace ingress.paths; pathType defaults to Prefix")
			.containsExactly("Prefix /admin");
		assertBackendsAreTheHttpPortOfARenderedService(objects, ingress);
	}

	@Test
	void ingressWithoutHostsFailsTheRender() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template()
				.withName("rel")
				.set("ingress.enabled", true)
				.set("ingress.hosts", "null")
				.call())
			.withMessageContaining("ingress.hosts");
	}

	@Test
	void notesShowTheChatAndOperationsPagesThroughAPortForwardOrTheIngress() {
		String portForward = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(portForward).contains("kubectl -n chat port-forward svc/rel-switchboard-http 8080:8080")
			.contains("http://localhost:8080/ and http://localhost:8080/admin/");
		String ingress = new Helm(CHART).install()
			.withName("rel")
			.withNamespace("chat")
			.set("ingress.enabled", true)
			.set("ingress.hosts[0].host", "chat.example.com")
			.set("ingress.hosts[1].host", "plain.example.com")
			.set("ingress.tls[0].hosts[0]", "chat.example.com")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(ingress)
			.contains("https://chat.example.com/", "https://chat.example.com/admin/", "wss://chat.example.com/ws",
					"http://plain.example.com/admin/")
			.doesNotContain("localhost:8080/admin/");
	}

	@Test
	void schemaRefusesValuesOfTheWrongType() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("ports.chat", "abc").call())
			.withMessageContaining("ports");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("service.type", "Cluster").call())
			.withMessageContaining("service");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template().withName("rel").set("ingress.enabled", "notabool").call())
			.withMessageContaining("/ingress/enabled");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Helm(CHART).template()
				.withName("rel")
				.set("ingress.enabled", true)
				.set("ingress.paths[0].path", "ws")
				.call())
			.withMessageContaining("/ingress/paths/0/path");
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
		// The operations pack's objects, off by default: dashboard ConfigMap,
		// NetworkPolicy
		// (the PrometheusRule has no model there and is skipped).
		Path operations = Files.writeString(dir.resolve("operations.yaml"),
				new Helm(CHART).template()
					.withName("rel")
					.set("grafana.dashboard.enabled", "true")
					.set("prometheusRule.enabled", "true")
					.set("networkPolicy.enabled", "true")
					.set("ports.management", "8081")
					.call());
		Process node = new ProcessBuilder("node", checker.resolve("check.js").toString(), defaults.toString(),
				custom.toString(), operations.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.waitFor()).as(output).isZero();
		assertThat(output).contains("0 invalid");
	}

	private List<HasMetadata> render() {
		return withoutHooks(KubernetesManifests.parse(new Helm(CHART).template().withName("rel").call()));
	}

	private List<HasMetadata> render(String... keysAndValues) {
		var template = new Helm(CHART).template().withName("rel");
		for (int i = 0; i < keysAndValues.length; i += 2) {
			template.set(keysAndValues[i], keysAndValues[i + 1]);
		}
		return withoutHooks(KubernetesManifests.parse(template.call()));
	}

	private List<HasMetadata> renderValues(String yaml) throws IOException {
		Path values = Files.createTempFile("values", ".yaml");
		try {
			Files.writeString(values, yaml);
			return withoutHooks(KubernetesManifests
				.parse(new Helm(CHART).template().withName("rel").withValuesFile(values).call()));
		}
		finally {
			Files.delete(values);
		}
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

	private static Map<String, EnvVar> env(List<HasMetadata> objects) {
		return container(objects).getEnv().stream().collect(Collectors.toMap((e) -> e.getName(), (e) -> e));
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

	/**
	 * Every backend is a port of a Service the chart renders, by a name that Service has,
	 * whose target is the container's {@code http} port (never {@code management}).
	 */
	private static void assertBackendsAreTheHttpPortOfARenderedService(List<HasMetadata> objects, Ingress ingress) {
		List<HTTPIngressPath> paths = ingress.getSpec()
			.getRules()
			.stream()
			.flatMap((rule) -> rule.getHttp().getPaths().stream())
			.toList();
		assertThat(paths).isNotEmpty().allSatisfy((path) -> {
			IngressServiceBackend backend = path.getBackend().getService();
			Service service = service(objects, backend.getName());
			assertThat(backend.getPort().getNumber()).as("by name, so ports.http may change").isNull();
			assertThat(service.getSpec().getPorts())
				.filteredOn((port) -> port.getName().equals(backend.getPort().getName()))
				.singleElement()
				.satisfies((port) -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
		});
		assertThat(container(objects).getPorts().stream().map(ContainerPort::getName)).contains("http");
	}

	/**
	 * Whether a request path matches one of the rule's paths, by the Ingress API's rules:
	 * Exact compares whole paths, Prefix compares path elements split by {@code /}.
	 */
	private static boolean routed(IngressRule rule, String requestPath) {
		return rule.getHttp().getPaths().stream().anyMatch((path) -> switch (path.getPathType()) {
			case "Exact" -> requestPath.equals(path.getPath());
			case "Prefix" -> {
				String prefix = path.getPath().replaceAll("/+$", "");
				yield requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
			}
			default -> throw new IllegalArgumentException(path.getPathType());
		});
	}

	private String describe(HTTPIngressPath path) {
		return path.getPathType() + " " + path.getPath();
	}

	private static String httpGet(HTTPGetAction action) {
		return action.getPath() + " on " + action.getPort().getStrVal();
	}

}
