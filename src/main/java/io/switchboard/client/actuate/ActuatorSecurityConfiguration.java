package io.switchboard.client.actuate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reads stay anonymous (health, info, metrics, prometheus, clients GET: probes and
 * scrapers carry no credentials); the {@code clients} write operations (DELETE, POST)
 * need HTTP Basic as {@code switchboard.admin.*}, and are refused altogether when no
 * password is configured.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http, AdminProperties admin) throws Exception {
		// Stateless HTTP Basic for scripts and operators, no browser session: no CSRF
		// token.
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(HttpMethod.GET, "/actuator/**").permitAll();
				if (admin.writesEnabled()) {
					requests.requestMatchers("/actuator/clients", "/actuator/clients/**").hasRole("ADMIN");
				}
				requests.requestMatchers("/actuator/**").denyAll();
				requests.anyRequest().permitAll();
			});
		return http.build();
	}

	@Bean
	UserDetailsService adminUsers(AdminProperties admin) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		if (admin.writesEnabled()) {
			users.createUser(User.withUsername(admin.username())
				.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(admin.password()))
				.roles("ADMIN")
				.build());
		}
		return users;
	}

}
