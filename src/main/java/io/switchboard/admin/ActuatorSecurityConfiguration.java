package io.switchboard.admin;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.auth.AdminProperties;
import io.switchboard.auth.AuthProperties;

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
 * Who may use actuator. With {@code switchboard.admin.password} set, everything under
 * {@code clients}, {@code rooms} and {@code bans} (reads too: who is connected from
 * where, what rooms say, who is banned) needs HTTP Basic as {@code switchboard.admin.*};
 * health status, info, metrics and prometheus stay anonymous (probes and scrapers carry
 * no credentials), and health shows its components to the admin only (configured in
 * {@code application.yaml}). Without a password there is no admin: every write is
 * refused, and so are {@code bans} reads (a ban list is addresses), while {@code clients}
 * and {@code rooms} reads stay anonymous and show no addresses, as the embedded demo
 * needs nothing set up. In token mode ({@code switchboard.auth.mode=token}) they are
 * refused too: there every room is behind the tokens' {@code rooms} claims, so an
 * anonymous reader would learn what no chat client without a token may (members, topics,
 * lines of rooms it may not join). Credential checks are cheap and throttled
 * ({@link LoginThrottle}). The operations page ({@code /admin}) needs the same
 * credentials; without a password it is a page saying how to set one.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

	/** Reads anonymous while there is no admin, unless tokens restrict the rooms. */
	private static final String[] CLIENTS_AND_ROOMS = { "/actuator/clients", "/actuator/clients/**", "/actuator/rooms",
			"/actuator/rooms/**" };

	/** Every method, reads included, once there is an admin. */
	private static final String[] ADMINS_ENDPOINTS = { "/actuator/clients", "/actuator/clients/**", "/actuator/rooms",
			"/actuator/rooms/**", "/actuator/bans", "/actuator/bans/**" };

	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http, AdminProperties admin, AuthProperties auth,
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
				if (admin.writesEnabled()) {
					requests.requestMatchers(ADMINS_ENDPOINTS).hasRole("ADMIN");
					requests.requestMatchers("/admin", "/admin/**").hasRole("ADMIN");
				}
				else {
					requests.requestMatchers(HttpMethod.GET, "/actuator/bans", "/actuator/bans/**").denyAll();
					if (auth.mode() == AuthProperties.Mode.TOKEN) {
						requests.requestMatchers(HttpMethod.GET, CLIENTS_AND_ROOMS).denyAll();
					}
				}
				requests.requestMatchers(HttpMethod.GET, "/actuator/**").permitAll();
				requests.requestMatchers("/actuator/**").denyAll();
				// The operations page while no password is set: its address and the page
				// that says how to set one (no login prompt: no credentials could pass);
				// the rest refused (401) for everyone.
				requests
					.requestMatchers(HttpMethod.GET, "/admin", "/admin/", AdminPageController.NO_PASSWORD_PAGE,
							"/admin/admin.css")
					.permitAll();
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
