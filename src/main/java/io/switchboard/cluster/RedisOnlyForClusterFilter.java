package io.switchboard.cluster;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configuration out unless
 * {@code switchboard.cluster.enabled=true}, and then leaves out its health indicator and
 * observation: a single node creates no Lettuce client at all, a cluster node gets no
 * Lettuce observation per published line, and the {@code cluster} health component, not a
 * {@code redis} one, reports the link.
 */
public class RedisOnlyForClusterFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS = "org.springframework.boot.data.redis.autoconfigure.";

	private boolean cluster;

	@Override
	public void setEnvironment(Environment environment) {
		this.cluster = environment.getProperty("switchboard.cluster.enabled", Boolean.class, false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = candidate == null || !candidate.startsWith(REDIS) || (this.cluster
					&& !candidate.startsWith(REDIS + "health.") && !candidate.startsWith(REDIS + "observation."));
		}
		return matches;
	}

}
