package io.switchboard.core;

import java.time.Duration;

/**
 * Checks the tokens clients present ({@code /auth TOKEN}, or at a WebSocket handshake).
 * With {@code switchboard.auth.mode=none} there is none and everyone may do anything.
 */
public interface Authenticator {

	/**
	 * @throws InvalidTokenException if the token is not valid, saying why
	 */
	Identity authenticate(String token);

	/**
	 * How long a client may take to present its token.
	 */
	Duration timeout();

	/**
	 * Why a token was refused, in words fit for the client ({@code expired}, {@code bad
	 * signature}, ...).
	 */
	class InvalidTokenException extends RuntimeException {

		public InvalidTokenException(String reason) {
			super(reason);
		}

	}

}
