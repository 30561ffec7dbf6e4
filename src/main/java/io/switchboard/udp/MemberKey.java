package io.switchboard.udp;

import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * One UDP member's key: every datagram from the member's address must start with it
 * ({@code K hello}) or be exactly it (a heartbeat), else it is dropped. A UDP source
 * address can be forged but the key travels only to the real address, so a forger has to
 * guess: after {@value #GUESSES_PER_KEY} wrong keys the key is burnt and replaced, at
 * most once a second. Thread-safe: the receive thread checks, the sweeper replaces.
 */
final class MemberKey {

	/** Characters in a key: 8 of base32 are 40 bits. */
	static final int LENGTH = 8;

	/** Wrong keys a key survives: a forger gets this many guesses at 40 bits. */
	static final int GUESSES_PER_KEY = 16;

	static final long REPLACEMENT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private final RandomGenerator random;

	private final Charset charset;

	private String key;

	private byte[] bare;

	private byte[] prefix;

	private int wrong;

	private long replacedAt;

	private boolean warned;

	private long warnedAt;

	MemberKey(RandomGenerator random, Charset charset, long now) {
		this.random = random;
		this.charset = charset;
		String first = generate(random);
		this.key = first;
		this.bare = first.getBytes(charset);
		this.prefix = (first + " ").getBytes(charset);
		this.replacedAt = now;
	}

	synchronized String key() {
		return this.key;
	}

	/**
	 * Check a datagram (without its line end). A burnt key accepts nothing, not even the
	 * right key, until it is replaced: otherwise a forger's guesses while the replacement
	 * waits would be free.
	 */
	synchronized Check check(byte[] datagram, long now) {
		if (this.wrong < GUESSES_PER_KEY) {
			byte[] message = open(datagram);
			if (message != null) {
				return new Check(message, false, null);
			}
			this.wrong++;
		}
		String replacement = replaceIfBurnt(now);
		boolean warn = replacement == null && (!this.warned || now - this.warnedAt >= WARNING_INTERVAL_NANOS);
		if (warn) {
			this.warned = true;
			this.warnedAt = now;
		}
		return new Check(null, warn, replacement);
	}

	/**
	 * Replace a burnt key if the last replacement was long enough ago.
	 * @return the new key, or null if none was made
	 */
	synchronized @Nullable String replaceIfBurnt(long now) {
		if (this.wrong < GUESSES_PER_KEY || now - this.replacedAt < REPLACEMENT_INTERVAL_NANOS) {
			return null;
		}
		use(generate(this.random));
		this.wrong = 0;
		this.replacedAt = now;
		return this.key;
	}

	/**
	 * A fresh key: {@value #LENGTH} characters of lowercase base32 (a-z, 2-7), easy to
	 * type after {@code nc -u}.
	 */
	static String generate(RandomGenerator random) {
		long bits = random.nextLong();
		char[] key = new char[LENGTH];
		for (int i = 0; i < LENGTH; i++) {
			key[i] = ALPHABET[(int) (bits >>> (5 * i)) & 31];
		}
		return new String(key);
	}

	private void use(String next) {
		this.key = next;
		this.bare = next.getBytes(this.charset);
		this.prefix = (next + " ").getBytes(this.charset);
	}

	/**
	 * The message behind the key, empty for a bare key, or null without the key. Compared
	 * in constant time, so the timing of a reply tells a forger nothing.
	 */
	private byte @Nullable [] open(byte[] datagram) {
		if (datagram.length == this.bare.length) {
			return MessageDigest.isEqual(datagram, this.bare) ? new byte[0] : null;
		}
		if (datagram.length < this.prefix.length
				|| !MessageDigest.isEqual(Arrays.copyOf(datagram, this.prefix.length), this.prefix)) {
			return null;
		}
		return Arrays.copyOfRange(datagram, this.prefix.length, datagram.length);
	}

	/**
	 * The outcome of a check.
	 *
	 * @param message the message without the key, or null if the datagram was dropped
	 * @param warn whether to tell the member to use its key (at most once per 10 s)
	 * @param replacement the member's new key, if the old one was just replaced
	 */
	record Check(byte @Nullable [] message, boolean warn, @Nullable String replacement) {
	}

}
