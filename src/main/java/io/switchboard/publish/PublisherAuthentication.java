package io.switchboard.publish;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.switchboard.core.AddressPrefix;
import io.switchboard.core.Authenticator;
import io.switchboard.core.Identity;
import io.switchboard.core.IpRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Who is publishing: the admin (HTTP Basic as {@code switchboard.admin.*}, checked, and
 * throttled on failure, by the security filter chain before this runs), or a service with
 * a bearer token that the chat's own {@link Authenticator} accepts
 * ({@code switchboard.auth.mode=token}) and that carries a {@code publish} claim of its
 * own. With neither configured the API is closed. An address that keeps presenting bad
 * tokens is refused without a check, as failed admin logins are.
 */
final class PublisherAuthentication {

	private static final String BEARER = "Bearer ";

	private final @Nullable Authenticator tokens;

	private final boolean adminEnabled;

	private final IpRateLimiter failures;

	/**
	 * @param tokens the token checker, null with {@code switchboard.auth.mode=none}
	 * @param adminEnabled whether an admin password is set
	 * @param failuresPerMinute bad tokens one address may present per minute
	 */
	PublisherAuthentication(@Nullable Authenticator tokens, boolean adminEnabled, int failuresPerMinute) {
		this.tokens = tokens;
		this.adminEnabled = adminEnabled;
		this.failures = new IpRateLimiter(failuresPerMinute / 60.0, failuresPerMinute);
	}

	/**
	 * @throws PublishRefusal 401 without valid credentials, 403 if the API is closed or
	 * the token has no {@code publish} claim, 429 after too many bad tokens
	 */
	Publisher authenticate(HttpServletRequest request) {
		if (request.isUserInRole("ADMIN")) {
			return new Publisher("admin:" + request.getRemoteUser(), (room) -> true);
		}
		if (this.tokens == null && !this.adminEnabled) {
			throw new PublishRefusal(HttpStatus.FORBIDDEN, "the publish API is closed: it needs "
					+ "switchboard.auth.mode=token (bearer tokens) or switchboard.admin.password (HTTP Basic)");
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw unauthorized((this.tokens != null)
					? "a bearer token with a publish claim, or the admin's HTTP Basic credentials, is needed"
					: "the admin's HTTP Basic credentials are needed", null);
		}
		Authenticator tokens = this.tokens;
		if (tokens == null) {
			throw unauthorized(
					"bearer tokens need switchboard.auth.mode=token; " + "use the admin's HTTP Basic credentials",
					null);
		}
		// An IPv6 host has a whole /64 to pick addresses from: count per /64.
		String ip = AddressPrefix.rateKey(request.getRemoteAddr());
		long wait = this.failures.nanosUntilAllowed(ip);
		if (wait > 0) {
			long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1);
			throw new PublishRefusal(HttpStatus.TOO_MANY_REQUESTS, "too many bad tokens, retry after " + seconds + " s",
					Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
		}
		Identity identity;
		try {
			identity = tokens.authenticate(authorization.substring(BEARER.length()).trim());
		}
		catch (Authenticator.InvalidTokenException ex) {
			this.failures.tryAcquire(ip);
			throw unauthorized("invalid token: " + ex.getMessage(), "invalid_token");
		}
		if (!identity.publishClaimed()) {
			throw new PublishRefusal(HttpStatus.FORBIDDEN,
					"the token has no publish claim: the publish API needs one naming the rooms it may send to");
		}
		return new Publisher("token:" + identity.subject(), identity::mayPublish);
	}

	/**
	 * Forget addresses that have not failed for a while; run periodically.
	 */
	void sweep() {
		this.failures.sweep();
	}

	private PublishRefusal unauthorized(String reason, @Nullable String error) {
		String challenge = (this.tokens != null)
				? "Bearer realm=\"switchboard\"" + ((error != null) ? ", error=\"" + error + "\"" : "")
				: "Basic realm=\"switchboard\"";
		return new PublishRefusal(HttpStatus.UNAUTHORIZED, reason, Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge));
	}

	/**
	 * An authenticated publisher.
	 *
	 * @param key whom its rate limit is kept for: the token's subject, or the admin
	 * @param mayPublish the rooms it may send to
	 */
	record Publisher(String key, Predicate<String> mayPublish) {
	}

}
