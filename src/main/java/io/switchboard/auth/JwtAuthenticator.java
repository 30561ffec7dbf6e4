package io.switchboard.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.switchboard.core.Authenticator;
import io.switchboard.core.Identity;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks a JWT with the decoder {@link JwtDecoders} builds (signature, algorithm matching
 * the key), then its claims: {@code exp} required, 30 s of clock skew, {@code iss} and
 * {@code aud} if configured. The claims become an {@link Identity}: {@code sub};
 * {@code nick} (given on login); {@code rooms} (patterns it may join, {@code *} by
 * default); {@code publish} (patterns it may send to, its {@code rooms} by default);
 * {@code admin}.
 */
final class JwtAuthenticator implements Authenticator {

	/** Longer tokens are refused before they are parsed. */
	static final int MAX_TOKEN_CHARS = 8192;

	private static final Pattern NICK = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	private final JwtDecoder decoder;

	private final Duration timeout;

	JwtAuthenticator(NimbusJwtDecoder decoder, AuthProperties.Jwt properties, Duration timeout) {
		this.timeout = timeout;
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(Duration.ofSeconds(30)));
		validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
		if (properties.issuer() != null) {
			validators.add(new JwtIssuerValidator(properties.issuer()));
		}
		String audience = properties.audience();
		if (audience != null) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					(aud) -> aud != null && aud.contains(audience)));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		this.decoder = decoder;
	}

	@Override
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public Identity authenticate(String token) {
		if (token.isEmpty()) {
			throw new InvalidTokenException("no token (/auth TOKEN)");
		}
		if (token.length() > MAX_TOKEN_CHARS) {
			throw new InvalidTokenException("token too long (max " + MAX_TOKEN_CHARS + " characters)");
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidTokenException(reason(ex.getMessage()));
		}
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new InvalidTokenException("no sub claim");
		}
		String nick = jwt.getClaimAsString("nick");
		if (nick != null && !NICK.matcher(nick).matches()) {
			throw new InvalidTokenException("nick claim is not a nick (1-32 of A-Z a-z 0-9 _ . -)");
		}
		List<String> rooms = patterns(jwt, "rooms", List.of("*"));
		Boolean admin = jwt.getClaimAsBoolean("admin");
		return new Identity(subject, nick, rooms, patterns(jwt, "publish", rooms), Boolean.TRUE.equals(admin),
				Objects.requireNonNull(jwt.getExpiresAt()), jwt.hasClaim("publish"));
	}

	private static List<String> patterns(Jwt jwt, String claim, List<String> otherwise) {
		if (!jwt.hasClaim(claim)) {
			return otherwise;
		}
		Object value = jwt.getClaims().get(claim);
		if (value instanceof String text) {
			return List.of(text.split("[ ,]+"));
		}
		List<String> list = jwt.getClaimAsStringList(claim);
		return (list != null) ? List.copyOf(list) : List.of();
	}

	/**
	 * A short reason from the decoder's message, for the client.
	 */
	private static String reason(String message) {
		String text = String.valueOf(message).toLowerCase(Locale.ROOT);
		if (text.contains("must be after")) {
			return "malformed token (exp before iat)";
		}
		if (text.contains("expired")) {
			return "expired";
		}
		if (text.contains("signature")) {
			return "bad signature";
		}
		if (text.contains("iss claim") || text.contains("issuer")) {
			return "wrong issuer";
		}
		if (text.contains("aud claim") || text.contains("audience")) {
			return "wrong audience";
		}
		if (text.contains("exp claim")) {
			return "no exp claim";
		}
		if (text.contains("nbf") || text.contains("before")) {
			return "not valid yet";
		}
		if (text.contains("algorithm") || text.contains("jws") || text.contains("none")) {
			return "unsigned, or signed with an algorithm this server does not accept";
		}
		return "malformed token";
	}

}
