package io.switchboard.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.switchboard.auth.AdminProperties;
import io.switchboard.core.AddressPrefix;
import io.switchboard.core.IpRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what checking credentials may cost: an IP address that has failed
 * {@code switchboard.admin.login-failures-per-minute} logins gets 429 with
 * {@code Retry-After} and its credentials are not even looked at, and at most
 * {@code max-concurrent-logins} requests with Basic credentials are handled at once (the
 * others get 429 at once rather than queue; the permit is held for the request, which for
 * the admin operations is short). Requests without Basic credentials pass untouched.
 */
final class LoginThrottle extends OncePerRequestFilter {

	private final IpRateLimiter failures;

	private final Semaphore checks;

	LoginThrottle(AdminProperties admin) {
		int perMinute = admin.loginFailuresPerMinute();
		this.failures = new IpRateLimiter(perMinute / 60.0, perMinute);
		this.checks = new Semaphore(admin.maxConcurrentLogins());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			chain.doFilter(request, response);
			return;
		}
		// An IPv6 host has a whole /64 to pick addresses from: count failures per /64.
		String ip = AddressPrefix.rateKey(request.getRemoteAddr());
		long wait = this.failures.nanosUntilAllowed(ip);
		if (wait > 0) {
			tooMany(response, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1), "too many failed logins");
			return;
		}
		if (!this.checks.tryAcquire()) {
			tooMany(response, 1, "too many logins at once");
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.checks.release();
			if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
				this.failures.tryAcquire(ip);
			}
		}
	}

	/**
	 * Forget addresses that have not failed for a while; run periodically.
	 */
	void sweep() {
		this.failures.sweep();
	}

	private static void tooMany(HttpServletResponse response, long retryAfterSeconds, String why) throws IOException {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"error\":\"" + why + ", retry after " + retryAfterSeconds + " s\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

}
