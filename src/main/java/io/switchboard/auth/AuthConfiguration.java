package io.switchboard.auth;

import io.switchboard.core.Authenticator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The token checker, only with {@code switchboard.auth.mode=token}; without it the hub
 * lets everyone in.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	@Bean
	@ConditionalOnProperty(name = "switchboard.auth.mode", havingValue = "token")
	Authenticator jwtAuthenticator(AuthProperties properties) {
		return new JwtAuthenticator(JwtDecoders.of(properties.jwt()), properties.jwt(), properties.timeout());
	}

}
