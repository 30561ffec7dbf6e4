package io.switchboard.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder for {@code switchboard.auth.jwt}: HS256 with a secret, RS256 with an RSA
 * public key, ES256/384/512 with an EC one (by its curve), or whatever a JWK Set URL
 * publishes (fetched and cached by the decoder). Each accepts only its algorithm, so a
 * token signed another way (or not at all: {@code alg: none}) is refused.
 */
final class JwtDecoders {

	private JwtDecoders() {
	}

	static NimbusJwtDecoder of(AuthProperties.Jwt jwt) {
		if (jwt.secret() != null) {
			return NimbusJwtDecoder
				.withSecretKey(new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
				.macAlgorithm(MacAlgorithm.HS256)
				.build();
		}
		if (jwt.jwkSetUri() != null) {
			return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
		}
		Resource location = jwt.publicKeyLocation();
		if (location == null) {
			throw new IllegalArgumentException("switchboard.auth.jwt: no key");
		}
		PublicKey key = publicKey(location);
		if (key instanceof RSAPublicKey rsa) {
			return NimbusJwtDecoder.withPublicKey(rsa).signatureAlgorithm(SignatureAlgorithm.RS256).build();
		}
		if (key instanceof ECPublicKey ec) {
			Curve curve = Curve.forECParameterSpec(ec.getParams());
			JWSAlgorithm algorithm = Curve.P_384.equals(curve) ? JWSAlgorithm.ES384
					: Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
			return NimbusJwtDecoder
				.withJwkSource(new ImmutableJWKSet<>(new JWKSet(new ECKey.Builder(curve, ec).build())))
				.jwsAlgorithm(SignatureAlgorithm.from(algorithm.getName()))
				.build();
		}
		throw new IllegalArgumentException(
				"switchboard.auth.jwt.public-key-location: not an RSA or EC public key: " + location);
	}

	private static PublicKey publicKey(Resource location) {
		String pem;
		try (InputStream in = location.getInputStream()) {
			pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("switchboard.auth.jwt.public-key-location: cannot read " + location, ex);
		}
		byte[] der = Base64.getMimeDecoder()
			.decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", ""));
		for (String algorithm : new String[] { "RSA", "EC" }) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// try the next
			}
		}
		throw new IllegalArgumentException(
				"switchboard.auth.jwt.public-key-location: not a PEM public key (BEGIN PUBLIC KEY): " + location);
	}

}
