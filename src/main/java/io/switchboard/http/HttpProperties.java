package io.switchboard.http;

import java.util.List;

import io.switchboard.core.IpNetwork;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP port's reverse proxies ({@code switchboard.http.*}).
 *
 * @param trustedProxies addresses and CIDR networks of the reverse proxies (an Ingress
 * controller's pods, a load balancer) whose {@code X-Forwarded-For}, {@code -Proto} and
 * {@code -Port} headers are believed; empty (the default): nobody's, as the PROXY
 * protocol's {@code switchboard.tcp.proxy-trusted}
 */
@ConfigurationProperties("switchboard.http")
public record HttpProperties(@DefaultValue List<String> trustedProxies) {

	public HttpProperties {
		trustedProxies = List.copyOf(trustedProxies);
		networks(trustedProxies);
	}

	/**
	 * The trusted proxies, parsed.
	 */
	List<IpNetwork> trustedNetworks() {
		return networks(this.trustedProxies);
	}

	private static List<IpNetwork> networks(List<String> proxies) {
		try {
			return proxies.stream().map(IpNetwork::parse).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("switchboard.http.trusted-proxies: " + ex.getMessage());
		}
	}

}
