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

	static final long ROTATION_MINUTES = 10;

	private static final SecureRandom RANDOM = new SecureRandom();

	private volatile Keys keys;

	private final Clock clock;

	JoinTokens(Clock clock) {
		this.clock = clock;
		this.keys = new Keys(period(), newKey(), newKey());
	}

	String issue(InetSocketAddress peer) {
		return token(current().key, peer, bucket());
	}

	boolean verify(InetSocketAddress peer, String token) {
		Keys now = current();
		long bucket = bucket();
		for (SecretKeySpec key : new SecretKeySpec[] { now.key, now.previous }) {
			if (matches(token(key, peer, bucket), token) || matches(token(key, peer, bucket - 1), token)) {
				return true;
			}
		}
		return false;
	}

	private Keys current() {
		Keys now = this.keys;
		long period = period();
		if (now.period != period) {
			synchronized (this) {
				now = this.keys;
				if (now.period != period) {
					now = new Keys(period, newKey(), now.key);
					this.keys = now;
				}
			}
		}
		return now;
	}

	private long period() {
		return this.clock.millis() / (ROTATION_MINUTES * BUCKET_MILLIS);
	}

	private static SecretKeySpec newKey() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	private long bucket() {
		return this.clock.millis() / BUCKET_MILLIS;
	}

	private static String token(SecretKeySpec key, InetSocketAddress peer, long bucket) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
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

	private record Keys(long period, SecretKeySpec key, SecretKeySpec previous) {
	}

}
