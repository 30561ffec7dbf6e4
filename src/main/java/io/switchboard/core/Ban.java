package io.switchboard.core;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * One ban: who it keeps out (an address, a network, a nick or a token subject), why, who
 * imposed it and until when (null: until lifted).
 */
public final class Ban {

	/** A reason is shown to the banned and to its room: one line, not a page. */
	static final int MAX_REASON_CHARS = 300;

	private final String id;

	private final Kind kind;

	private final String value;

	private final String reason;

	private final String by;

	private final Instant created;

	private final @Nullable Instant until;

	private final @Nullable IpNetwork network;

	/**
	 * A ban as stored; {@link #of} makes new ones from an operator's input.
	 */
	public Ban(String id, Kind kind, String value, String reason, String by, Instant created, @Nullable Instant until) {
		this.id = id;
		this.kind = kind;
		this.value = value;
		this.reason = reason;
		this.by = by;
		this.created = created;
		this.until = until;
		this.network = (kind == Kind.IP || kind == Kind.CIDR) ? IpNetwork.parse(value) : null;
	}

	/**
	 * A new ban from an operator's input, with a fresh id.
	 * @param duration {@code 10m}, {@code 1h}, {@code 7d}, {@code PT1H}; null, empty or
	 * {@code permanent} for none
	 * @throws IllegalArgumentException saying what is wrong with the input
	 */
	public static Ban of(Kind kind, String value, @Nullable String reason, String by, @Nullable String duration,
			Instant now) {
		Duration length = duration(duration);
		String target = switch (kind) {
			case IP -> {
				IpNetwork address = IpNetwork.parse(value);
				if (!address.isAddress()) {
					throw new IllegalArgumentException("ip must be one address, was '" + value + "' (use cidr)");
				}
				yield address.host();
			}
			case CIDR -> IpNetwork.parse(value).toString();
			case NICK -> {
				if (!ChatCommands.isName(value)) {
					throw new IllegalArgumentException("nick must be 1-32 of A-Z a-z 0-9 _ . -");
				}
				yield value;
			}
			case SUBJECT -> {
				if (value.isBlank() || value.length() > 256) {
					throw new IllegalArgumentException("subject must be 1-256 characters");
				}
				yield value;
			}
		};
		String why = (reason != null) ? reason.strip() : "";
		if (why.length() > MAX_REASON_CHARS) {
			throw new IllegalArgumentException("reason must be at most " + MAX_REASON_CHARS + " characters");
		}
		String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 50, Long.MAX_VALUE), 36).substring(0, 10);
		// Milliseconds: what the cluster's store keeps.
		Instant created = now.truncatedTo(ChronoUnit.MILLIS);
		return new Ban(id, kind, target, TerminalSafeText.escape(why.replace('\t', ' ')), by, created,
				(length != null) ? created.plus(length) : null);
	}

	/**
	 * A new ban of a client's address from an operator's input: of the address itself for
	 * IPv4 (an IPv4-mapped IPv6 address is one), of its network for IPv6, as wide as
	 * {@code ipv6PrefixLength} (a {@link Kind#CIDR} ban; 128 keeps it to the address).
	 * @throws IllegalArgumentException saying what is wrong with the input
	 */
	public static Ban ofAddress(String ip, int ipv6PrefixLength, @Nullable String reason, String by,
			@Nullable String duration, Instant now) {
		IpNetwork address = IpNetwork.parse(ip);
		if (!address.isAddress()) {
			throw new IllegalArgumentException("ip must be one address, was '" + ip + "' (use cidr)");
		}
		if (address.address().length == 16 && ipv6PrefixLength < 128) {
			return of(Kind.CIDR, new IpNetwork(address.address(), ipv6PrefixLength).toString(), reason, by, duration,
					now);
		}
		return of(Kind.IP, address.host(), reason, by, duration, now);
	}

	/**
	 * Parse a ban's duration as Spring Boot reads durations: {@code 90s}, {@code 10m},
	 * {@code 1h}, {@code 7d}, or ISO-8601 ({@code PT1H}).
	 * @return null for a ban until lifted (no duration, or {@code permanent})
	 * @throws IllegalArgumentException if it is no positive duration
	 */
	public static @Nullable Duration duration(@Nullable String text) {
		if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("permanent")) {
			return null;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"duration must be like 90s, 10m, 1h, 7d or PT1H (or permanent), was '" + text + "'");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("duration must be positive, was '" + text + "'");
		}
		return duration;
	}

	public String id() {
		return this.id;
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * The address, network ({@code 10.0.0.0/8}), nick or subject, canonical.
	 */
	public String value() {
		return this.value;
	}

	/** Why, escaped for terminals; empty if none was given. */
	public String reason() {
		return this.reason;
	}

	/** Who imposed it: {@code operator} (the actuator) or an admin's nick. */
	public String by() {
		return this.by;
	}

	public Instant created() {
		return this.created;
	}

	/** When it ends; null while it lasts until lifted. */
	public @Nullable Instant until() {
		return this.until;
	}

	boolean expired(Instant now) {
		return this.until != null && !now.isBefore(this.until);
	}

	/**
	 * Whether it keeps out a client with this address, nick and subject (each null if it
	 * has none).
	 */
	boolean matches(@Nullable InetAddress address, @Nullable String nick, @Nullable String subject) {
		return switch (this.kind) {
			case IP, CIDR -> address != null && Objects.requireNonNull(this.network).contains(address);
			case NICK -> nick != null && nick.equalsIgnoreCase(this.value);
			case SUBJECT -> this.value.equals(subject);
		};
	}

	/**
	 * What the banned client is told: {@code ERR banned: REASON (until TIME)}.
	 */
	Event refusal() {
		return Event.failure("banned: " + (this.reason.isEmpty() ? "no reason given" : this.reason) + " ("
				+ ((this.until != null) ? "until " + this.until.truncatedTo(ChronoUnit.SECONDS) : "permanent") + ")");
	}

	@Override // for logs
	public String toString() {
		return "ban " + this.id + " of " + this.kind.tag() + " " + this.value;
	}

	/**
	 * What a ban matches.
	 */
	public enum Kind {

		/** One IP address, as the server sees it (behind a proxy: the PROXY header's). */
		IP,
		/** A network in CIDR notation. */
		CIDR,
		/** A nick, ignoring case. */
		NICK,
		/** A token's subject ({@code sub}). */
		SUBJECT;

		/**
		 * @return e.g. {@code cidr}, as the endpoint names it
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
