package io.switchboard.transport;

import java.net.SocketTimeoutException;

/**
 * A stream that bounds how long a started line may take
 * ({@code switchboard.tcp.line-timeout}): between {@link #lineStarted()} and
 * {@link #lineEnded()} its reads fail with {@link LineTimeoutException} once the time is
 * up, whatever the idle timeout.
 */
interface LineClock {

	void lineStarted();

	void lineEnded();

	/**
	 * The started line did not end in time.
	 */
	final class LineTimeoutException extends SocketTimeoutException {

		LineTimeoutException() {
			super("Line not finished in time");
		}

	}

}
