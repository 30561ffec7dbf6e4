package io.switchboard.irc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.switchboard.core.IpRateLimiter;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Who may become an IRC operator ({@code OPER name password}): the names and passwords of
 * {@code switchboard.irc.operators}, the passwords as Spring Security's
 * {@code DelegatingPasswordEncoder} stores them ({@code {bcrypt}...}, {@code {noop}...}).
 * <p>
 * Guessing is bounded three ways: a connection that fails
 * {@value #FAILURES_PER_CONNECTION} times is closed ({@link IrcConnection}), an address
 * may fail {@value #FAILURES_PER_MINUTE} times a minute in all its connections (beyond
 * that {@code OPER} is refused without a check), and an unknown name costs what a wrong
 * password costs, so neither the answer nor its time tells which names exist.
 */
final class IrcOperators {

	/** Failed {@code OPER}s after which the connection is closed. */
	static final int FAILURES_PER_CONNECTION = 3;

	/** Failed {@code OPER}s one address may make per minute, in bursts of as many. */
	static final int FAILURES_PER_MINUTE = 10;

	private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	/**
	 * Checked when the name is unknown, so that it takes as long as a wrong (bcrypt)
	 * password.
	 */
	private final String decoy;

	private final Map<String, String> passwords;

	private final IpRateLimiter failures = new IpRateLimiter(FAILURES_PER_MINUTE / 60.0, FAILURES_PER_MINUTE);

	IrcOperators(List<IrcProperties.Operator> operators) {
		this.passwords = operators.stream()
			.collect(Collectors.toUnmodifiableMap((operator) -> key(operator.name()), IrcProperties.Operator::password,
					(first, second) -> {
						throw new IllegalArgumentException("switchboard.irc.operators: a name is given twice");
					}));
		this.decoy = operators.isEmpty() ? "{noop}" : ENCODER.encode("no such operator");
	}

	/**
	 * Whether a password is stored with an encoder's id the server knows:
	 * {@code {bcrypt}}, {@code {noop}} and the others of Spring Security's
	 * {@code PasswordEncoderFactories}.
	 */
	static boolean isEncoded(String password) {
		int end = password.indexOf('}');
		if (!password.startsWith("{") || end < 2) {
			return false;
		}
		try {
			ENCODER.matches("", password);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false; // an id no encoder has
		}
	}

	/**
	 * Whether there are any operators: without, {@code OPER} is answered {@code 491}.
	 */
	boolean any() {
		return !this.passwords.isEmpty();
	}

	/**
	 * Whether the address may try again: false once it has failed
	 * {@value #FAILURES_PER_MINUTE} times in the last minute.
	 */
	boolean mayTry(@Nullable String ip) {
		return ip == null || this.failures.nanosUntilAllowed(ip) == 0;
	}

	/**
	 * Check a name and password; a failure counts against the address.
	 */
	boolean check(@Nullable String ip, String name, String password) {
		String stored = this.passwords.get(key(name));
		boolean matches = ENCODER.matches(password, (stored != null) ? stored : this.decoy) && stored != null;
		if (!matches && ip != null) {
			this.failures.tryAcquire(ip);
		}
		return matches;
	}

	void sweep() {
		this.failures.sweep();
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
