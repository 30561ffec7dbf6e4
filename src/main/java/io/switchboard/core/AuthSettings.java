package io.switchboard.core;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;

/**
 * How the hub authenticates clients: with no {@code authenticator}
 * ({@code switchboard.auth.mode=none}) everyone may do anything; with one, a client must
 * present a token within its timeout.
 */
public record AuthSettings(@Nullable Authenticator authenticator, ScheduledExecutorService scheduler) {

	boolean required() {
		return this.authenticator != null;
	}

	Duration timeout() {
		Authenticator checker = this.authenticator;
		return (checker != null) ? checker.timeout() : Duration.ZERO;
	}

}
