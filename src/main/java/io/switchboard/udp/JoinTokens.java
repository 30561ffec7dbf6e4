package io.switchboard.udp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Join tokens for UDP peers: a MAC of the peer's address, port and a one-minute time
 * bucket under a key made at start-up. Only a peer that receives datagrams at its source
 * address can echo the token, so a forged address never becomes a member. A token is
 * accepted in its own bucket and the next one. 32 bits keep the challenge short enough
 * for the 3x amplification rule ({@code * /join 0123abcd} answers any datagram of 6 bytes
 * or more).
 */
final class JoinTokens {

	private static final long BUCKET_MILLIS = 60_000;

	private final SecretKeySpec key;

	private final Clock clock;

	JoinTokens(Clock clock) {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.clock = clock;
	}

	String issue(InetSocketAddress peer) {
		return token(peer, bucket());
	}

	boolean verify(InetSocketAddress peer, String token) {
		long bucket = bucket();
		return matches(token(peer, bucket), token) || matches(token(peer, bucket - 1), token);
	}

	private long bucket() {
		return this.clock.millis() / BUCKET_MILLIS;
	}

	private String token(InetSocketAddress peer, long bucket) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(peer.getAddress().getAddress());
			mac.update(ByteBuffer.allocate(12).putInt(peer.getPort()).putLong(bucket).array());
			return HexFormat.of().formatHex(mac.doFinal(), 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static boolean matches(String expected, String given) {
		return MessageDigest.isEqual(expected.getBytes(), given.getBytes());
	}

}
