package io.switchboard.publish;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Why a publish request is refused: its status, the reason the caller reads in the JSON
 * body, and headers that go with it ({@code WWW-Authenticate}, {@code Retry-After}).
 */
final class PublishRefusal extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, String> headers;

	PublishRefusal(HttpStatus status, String reason) {
		this(status, reason, Map.of());
	}

	PublishRefusal(HttpStatus status, String reason, Map<String, String> headers) {
		// No stack trace: a refusal is an answer, not a fault.
		super(reason, null, false, false);
		this.status = status;
		this.headers = headers;
	}

	HttpStatus status() {
		return this.status;
	}

	Map<String, String> headers() {
		return this.headers;
	}

}
