package io.switchboard.deploy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses rendered Helm output into typed fabric8 Kubernetes objects and fails on any
 * field the Kubernetes API does not know (fabric8 keeps those silently in
 * {@code additionalProperties}).
 */
final class KubernetesManifests {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private KubernetesManifests() {
	}

	/**
	 * @param allowedCustomKinds kinds that are custom resources (e.g. ServiceMonitor) and
	 * so parse as generic resources
	 */
	static List<HasMetadata> parse(String yaml, String... allowedCustomKinds) {
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : yaml.split("(?m)^---\\s*$")) {
			if (document.replaceAll("(?m)^#.*$", "").isBlank()) {
				continue;
			}
			Object parsed = SERIALIZATION.unmarshal(document);
			assertThat(parsed).as("a Kubernetes object:\n" + document).isInstanceOf(HasMetadata.class);
			HasMetadata object = (HasMetadata) parsed;
			if (object instanceof GenericKubernetesResource) {
				assertThat(object.getKind()).as("typed kind").isIn((Object[]) allowedCustomKinds);
			}
			else {
				assertNoUnknownFields(object, object.getKind(), Collections.newSetFromMap(new IdentityHashMap<>()));
			}
			objects.add(object);
		}
		return objects;
	}

	static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
		return objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
		List<T> found = ofType(objects, type);
		assertThat(found).as(type.getSimpleName()).hasSize(1);
		return found.getFirst();
	}

	private static void assertNoUnknownFields(Object node, String path, Set<Object> seen) {
		if (node == null || node instanceof Quantity || !seen.add(node)) {
			return;
		}
		if (node instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				assertNoUnknownFields(item, path + "[" + i++ + "]", seen);
			}
			return;
		}
		if (node instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> assertNoUnknownFields(value, path + "." + key, seen));
			return;
		}
		if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : node.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object value;
			try {
				value = getter.invoke(node);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			if (getter.getName().equals("getAdditionalProperties")) {
				assertThat((Map<?, ?>) value).as("unknown fields at " + path).isNullOrEmpty();
			}
			else {
				assertNoUnknownFields(value, path + "." + getter.getName().substring(3), seen);
			}
		}
	}

}
