package io.switchboard.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens minted in the test, as an identity provider would.
 */
public final class Tokens {

	public static final String SECRET = "test-only-hmac-secret-of-at-least-256-bits!";

	private Tokens() {
	}

	public static String hmac(String subject, Duration validFor, Map<String, Object> claims) {
		try {
			return signed(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256,
					claims(subject, validFor, claims));
		}
		catch (KeyLengthException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String hmacWith(String secret, String subject) {
		try {
			return signed(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256,
					claims(subject, Duration.ofMinutes(5), Map.of()));
		}
		catch (KeyLengthException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String unsigned(String subject) {
		return new PlainJWT(claims(subject, Duration.ofMinutes(5), Map.of())).serialize();
	}

	static String signed(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet claims) {
		return signed(signer, new JWSHeader(algorithm), claims);
	}

	static String signed(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JWTClaimsSet claims(String subject, Duration validFor, Map<String, Object> claims) {
		Instant issued = validFor.isNegative() ? Instant.now().plus(validFor).minusSeconds(60) : Instant.now();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
			.issueTime(Date.from(issued))
			.expirationTime(Date.from(Instant.now().plus(validFor)));
		claims.forEach(builder::claim);
		return builder.build();
	}

}
