package io.switchboard.cluster;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the {@code cluster} health component into the readiness group when
 * {@code switchboard.cluster.required=true}, so a node that lost Redis is taken out of
 * its Service. Group membership is static configuration, hence an environment
 * post-processor rather than a bean.
 */
public class ClusterReadinessGroup implements EnvironmentPostProcessor, Ordered {

	static final String INCLUDE = "management.endpoint.health.group.readiness.include";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		boolean required = binder.bind("switchboard.cluster.enabled", Boolean.class).orElse(false)
				&& binder.bind("switchboard.cluster.required", Boolean.class).orElse(false);
		if (!required) {
			return;
		}
		Set<String> include = new LinkedHashSet<>(binder.bind(INCLUDE, Bindable.setOf(String.class)).orElse(Set.of()));
		include.add("cluster");
		environment.getPropertySources()
			.addFirst(new MapPropertySource("switchboardClusterReadiness", Map.of(INCLUDE, String.join(",", include))));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE; // after the application's configuration is
											// loaded
	}

}
