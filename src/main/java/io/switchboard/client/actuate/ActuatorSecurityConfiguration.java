package io.switchboard.client.actuate;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Reads stay anonymous (health, info, metrics, prometheus, clients and rooms GET: probes
 * and scrapers carry no credentials); the {@code clients} write operations (DELETE, POST)
 * need HTTP Basic as {@code switchboard.admin.*}, and are refused altogether when no
 * password is configured. Credential checks are cheap and throttled
 * ({@link LoginThrottle}). The operations page ({@code /admin}) needs the same
 * credentials and is refused in the same way.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http, AdminProperties admin,
			ScheduledExecutorService switchboardScheduler) throws Exception {
		// Not a bean: Boot would also register a Filter bean for every request, outside
		// the security chain.
		LoginThrottle loginThrottle = new LoginThrottle(admin);
		switchboardScheduler.scheduleWithFixedDelay(loginThrottle::sweep, 60, 60, TimeUnit.SECONDS);
		// Stateless HTTP Basic for scripts and operators, no browser session: no CSRF
		// token.
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(Customizer.withDefaults())
			.addFilterBefore(loginThrottle, BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(HttpMethod.GET, "/actuator/**").permitAll();
				if (admin.writesEnabled()) {
					requests.requestMatchers("/actuator/clients", "/actuator/clients/**").hasRole("ADMIN");
					requests.requestMatchers("/actuator/bans", "/actuator/bans/**").hasRole("ADMIN");
					requests.requestMatchers("/admin", "/admin/**").hasRole("ADMIN");
				}
				requests.requestMatchers("/actuator/**").denyAll();
				// The operations page: the browser's login prompt, refused (401) for
				// everyone while no password is set.
				requests.requestMatchers("/admin", "/admin/**").denyAll();
				requests.anyRequest().permitAll();
			});
		return http.build();
	}

	@Bean
	PasswordEncoder adminPasswordEncoder() {
		return new ConstantTimePasswordEncoder();
	}

	@Bean
	UserDetailsService adminUsers(AdminProperties admin, PasswordEncoder adminPasswordEncoder) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		if (admin.writesEnabled()) {
			users.createUser(User.withUsername(admin.username())
				.password(adminPasswordEncoder.encode(admin.password()))
				.roles("ADMIN")
				.build());
		}
		return users;
	}

}
