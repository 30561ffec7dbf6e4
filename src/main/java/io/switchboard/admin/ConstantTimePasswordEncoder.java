package io.switchboard.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares the admin password by SHA-256 digests in constant time. Not bcrypt on purpose:
 * a slow hash protects stored hashes at rest, but this password is configured in plain
 * text (environment, Secret) and held by this process anyway, so bcrypt protected nothing
 * and cost ~95 ms of CPU per attempt: eight parallel wrong-password loops took both cores
 * from the chat. A digest comparison costs microseconds and leaks no timing.
 */
final class ConstantTimePasswordEncoder implements PasswordEncoder {

	@Override
	public String encode(CharSequence rawPassword) {
		return HexFormat.of().formatHex(digest(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return MessageDigest.isEqual(digest(rawPassword), HexFormat.of().parseHex(encodedPassword));
	}

	private static byte[] digest(CharSequence text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
