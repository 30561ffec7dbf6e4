package io.switchboard.http;

import java.util.List;
import java.util.Map;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Forwarded headers on the HTTP port are believed from
 * {@code switchboard.http.trusted-proxies} only, whatever
 * {@code server.forward-headers-strategy} says: Spring Boot's {@code RemoteIpValve}
 * (added for {@code native}, and by default on Kubernetes) is replaced by a
 * {@link ForwardedHeadersValve} when proxies are listed, and dropped when none are.
 * {@code server.tomcat.remoteip.*} and {@code framework} (which believes anyone) stop
 * start-up with a sentence naming the setting to use instead, rather than being quietly
 * overridden.
 */
@Configuration(proxyBeanMethods = false)
class ForwardedHeadersConfiguration {

	@Bean
	ForwardedHeadersCustomizer forwardedHeadersCustomizer(HttpProperties http, Environment environment) {
		return customizer(http, environment);
	}

	/**
	 * The same customizer, for the main HTTP port and for a separate management port's
	 * (whose child context Spring Boot gives its own {@code RemoteIpValve}).
	 */
	static ForwardedHeadersCustomizer customizer(HttpProperties http, Environment environment) {
		Binder binder = Binder.get(environment);
		if (binder.bind("server.tomcat.remoteip", Bindable.mapOf(String.class, Object.class))
			.map(Map::isEmpty)
			.orElse(true) == Boolean.FALSE) {
			throw new IllegalStateException("server.tomcat.remoteip.* is not used: list the reverse proxies "
					+ "whose X-Forwarded-For is believed in switchboard.http.trusted-proxies (addresses or CIDRs)");
		}
		String strategy = environment.getProperty("server.forward-headers-strategy", "");
		if (strategy.strip().equalsIgnoreCase("framework")) {
			throw new IllegalStateException("server.forward-headers-strategy=framework believes forwarded headers "
					+ "from anyone: use native (or leave it unset) with switchboard.http.trusted-proxies");
		}
		return new ForwardedHeadersCustomizer(http);
	}

	/**
	 * Runs after Spring Boot's Tomcat customizer, which adds its valve.
	 */
	static final class ForwardedHeadersCustomizer
			implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

		private final HttpProperties http;

		ForwardedHeadersCustomizer(HttpProperties http) {
			this.http = http;
		}

		@Override
		public void customize(TomcatWebServerFactory factory) {
			List<Valve> valves = factory.getEngineValves()
				.stream()
				.filter((valve) -> !(valve instanceof RemoteIpValve))
				.toList();
			factory.setEngineValves(valves);
			if (!this.http.trustedProxies().isEmpty()) {
				factory.addEngineValves(new ForwardedHeadersValve(this.http.trustedNetworks()));
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
