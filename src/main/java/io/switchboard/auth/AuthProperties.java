package io.switchboard.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Who may connect ({@code switchboard.auth.*}).
 *
 * @param mode {@code none}: anyone; {@code token}: a JWT first
 * @param timeout how long a client may take to present its token
 * @param jwt how tokens are checked: exactly one of a secret, a public key, a JWK Set URL
 */
@ConfigurationProperties("switchboard.auth")
public record AuthProperties(@DefaultValue("none") Mode mode, @DefaultValue("10s") Duration timeout,
		@DefaultValue Jwt jwt) {

	public AuthProperties {
		if (mode == Mode.TOKEN) {
			int keys = ((jwt.secret() != null) ? 1 : 0) + ((jwt.publicKeyLocation() != null) ? 1 : 0)
					+ ((jwt.jwkSetUri() != null) ? 1 : 0);
			if (keys != 1) {
				throw new IllegalArgumentException("switchboard.auth.mode=token needs exactly one of "
						+ "switchboard.auth.jwt.secret, .public-key-location, .jwk-set-uri (" + keys + " given)");
			}
			if (jwt.secret() != null && jwt.secret().getBytes(StandardCharsets.UTF_8).length < 32) {
				throw new IllegalArgumentException("switchboard.auth.jwt.secret must be at least 256 bits (32 bytes)");
			}
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("switchboard.auth.timeout must be positive: " + timeout);
		}
	}

	public enum Mode {

		NONE, TOKEN

	}

	/**
	 * @param secret an HMAC key (HS256), at least 256 bits
	 * @param publicKeyLocation a PEM public key, RSA (RS256) or EC (ES256/384/512)
	 * @param jwkSetUri a JWK Set URL, fetched and cached by the decoder
	 * @param issuer the {@code iss} tokens must carry, if set
	 * @param audience an {@code aud} tokens must include, if set
	 */
	public record Jwt(@Nullable String secret, @Nullable Resource publicKeyLocation, @Nullable String jwkSetUri,
			@Nullable String issuer, @Nullable String audience) {
	}

}
