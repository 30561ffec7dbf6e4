package io.switchboard.deploy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.switchboard.LineClient;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Helm chart as a cluster would run it, as far as a machine without Kubernetes can:
 * its rendered Deployment and ConfigMap played by {@code podman kube play} (Debian's
 * podman 4.3, which reads both) on the image {@code .ci/run} built
 * ({@code -Dswitchboard.image}; skipped with the reason without it, as
 * {@link ContainerImageIT} is). The pod runs under the chart's security context, its
 * probes' paths answer, clients chat through the published ports (host ports on 127.0.0.1
 * added to the rendered ports), and {@code podman kube down} (SIGTERM) gives a connected
 * client the shutdown notice within the chart's grace period. The Service, ServiceAccount
 * and PodDisruptionBudget need a cluster and are checked by {@link HelmChartTests} only.
 */
class KubePlayIT {

	private static final Path CHART = Path.of("helm/switchboard");

	/**
	 * Why the pod cannot start on a machine like the development one: podman 4.3 gives a
	 * pod's infra container RLIMIT_NOFILE 1048576 whatever {@code default_ulimits} says
	 * (which only its other containers get), and where podman's own hard limit is lower
	 * (20000 there, and not raisable) runc cannot set it.
	 */
	private static final String RLIMIT_REFUSED = "podman kube play cannot start the pod's infra container here: it "
			+ "asks RLIMIT_NOFILE 1048576, above this machine's hard limit (ulimit -Hn), and runc refuses "
			+ "(\"error setting rlimit type 7: invalid argument\")";

	private final String image = System.getProperty("switchboard.image", "");

	private final String release = "kp" + UUID.randomUUID().toString().substring(0, 6);

	@BeforeEach
	void requireImage() {
		assumeThat(this.image)
			.as("container image to play the chart with: " + System.getProperty("switchboard.image.unavailable",
					"run .ci/run, or pass -Dswitchboard.image=NAME"))
			.isNotBlank();
	}

	@Test
	void theChartsPodRunsUnderItsSecurityContextAnswersItsProbesChatsAndToldClientsAtKubeDown(@TempDir Path dir)
			throws Exception {
		int colon = this.image.lastIndexOf(':');
		String repository = (colon > this.image.lastIndexOf('/')) ? this.image.substring(0, colon) : this.image;
		String tag = (colon > this.image.lastIndexOf('/')) ? this.image.substring(colon + 1) : "latest";
		List<HasMetadata> rendered = KubernetesManifests.parse(new Helm(CHART).template()
			.withName(this.release)
			.set("image.repository", repository)
			.set("image.tag", tag)
			.set("image.pullPolicy", "Never")
			.call());
		Deployment deployment = KubernetesManifests.one(rendered, Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
		int chat = freePort();
		int http = freePort();
		for (ContainerPort port : container.getPorts()) {
			// Published on loopback only; the chat port's TCP and UDP share one number.
			port.setHostIP("127.0.0.1");
			port.setHostPort(
					port.getName().startsWith("chat") ? chat : (port.getName().equals("http") ? http : freePort()));
		}
		long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
		KubernetesSerialization yaml = new KubernetesSerialization();
		List<HasMetadata> played = new ArrayList<>(KubernetesManifests.ofType(rendered, ConfigMap.class));
		played.addAll(KubernetesManifests.ofType(rendered, Secret.class));
		played.add(deployment);
		Path manifests = dir.resolve("switchboard.yaml");
		Files.writeString(manifests, played.stream().map(yaml::asYaml).collect(Collectors.joining("\n---\n")));

		// --build=false: podman 4.3 would otherwise try to build the image from a
		// directory
		// named like it in the working directory (./switchboard is the launcher)
		String play = podman(180, false, "kube", "play", "--build=false", manifests.toString());
		if (play.contains("error setting rlimit type 7")) {
			podman(grace + 30, false, "kube", "down", manifests.toString());
			assumeThat(play).as(RLIMIT_REFUSED + "\n" + play).doesNotContain("error setting rlimit type 7");
		}
		assertThat(play).as("podman kube play").doesNotContain("Error:");
		try {
			String pod = deployment.getMetadata().getName() + "-pod";
			String name = podman(30, "ps", "--format", "{{.PodName}} {{.Names}}").lines()
				.filter((line) -> line.startsWith(pod) && !line.endsWith("-infra"))
				.map((line) -> line.substring(line.indexOf(' ') + 1))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no container of the played pod is running"));
			String security = podman(30, "inspect", name, "--format",
					"{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.EffectiveCaps}} {{.HostConfig.SecurityOpt}}");
			assertThat(security).as("user, read-only root, effective capabilities, options")
				.startsWith("10001")
				.contains(" true ")
				.contains("[]")
				.contains("no-new-privileges");

			HttpClient client = HttpClient.newHttpClient();
			for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
				URI uri = URI.create("http://127.0.0.1:" + http + probe);
				await().atMost(Duration.ofSeconds(120))
					.ignoreExceptions()
					.until(() -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
						.statusCode() == 200);
			}
			try (LineClient alice = LineClient.connected(chat);
					LineClient bob = LineClient.connected(chat);
					UdpProbe udp = new UdpProbe(chat)) {
				udp.join();
				alice.send("hello from the played chart");
				assertThat(bob.readUntil((line) -> line.endsWith(" hello from the played chart"))).startsWith("[");
				assertThat(udp.receiveUntil((line) -> line.endsWith(" hello from the played chart"))).startsWith("[");

				long started = System.nanoTime();
				podman(grace + 30, "kube", "down", manifests.toString());
				Duration down = Duration.ofNanos(System.nanoTime() - started);
				assertThat(bob.readUntil((line) -> line.startsWith("* "))).isEqualTo("* server shutting down");
				assertThat(down).as("down within the chart's grace period").isLessThan(Duration.ofSeconds(grace));
			}
		}
		finally {
			podman(grace + 30, false, "kube", "down", manifests.toString());
		}
	}

	private static String podman(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
		return podman(timeoutSeconds, true, arguments);
	}

	private static String podman(long timeoutSeconds, boolean mustSucceed, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("podman"));
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile("podman-", ".txt");
		Process process = new ProcessBuilder(command).directory(output.getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly();
		}
		String text = Files.readString(output, StandardCharsets.UTF_8);
		Files.delete(output);
		if (mustSucceed) {
			assertThat(ended).as(String.join(" ", command) + " within " + timeoutSeconds + " s").isTrue();
			assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
		}
		return text;
	}

	private static int freePort() throws IOException {
		while (true) {
			try (ServerSocket tcp = new ServerSocket(0); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
				return tcp.getLocalPort();
			}
			catch (IOException ex) {
				// taken for UDP: try another
			}
		}
	}

}
