package io.switchboard.transport;

import java.io.IOException;

import io.switchboard.core.CloseReason;

/**
 * A trusted peer's connection did not start with a PROXY header the listener takes:
 * {@link CloseReason#PROXY_INVALID} or {@link CloseReason#PROXY_TIMEOUT}. The message
 * says what was wrong, for the log and the peer.
 */
public final class ProxyHeaderException extends IOException {

	private final CloseReason reason;

	ProxyHeaderException(CloseReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	static ProxyHeaderException invalid(String message) {
		return new ProxyHeaderException(CloseReason.PROXY_INVALID, "invalid PROXY header: " + message);
	}

	static ProxyHeaderException timeout() {
		return new ProxyHeaderException(CloseReason.PROXY_TIMEOUT,
				"no complete PROXY header within " + ProxyProtocol.HEADER_TIMEOUT.toSeconds() + "s");
	}

	public CloseReason reason() {
		return this.reason;
	}

}
