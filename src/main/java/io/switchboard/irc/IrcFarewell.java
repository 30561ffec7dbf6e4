package io.switchboard.irc;

import io.switchboard.core.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * Why an IRC client's connection ends, as its {@code ERROR :Closing link} line gives it:
 * its own {@code QUIT} message, the refusal or ban it was told, else the reason the
 * server closed it. A refused client used to read only {@code (Connection closed)}.
 */
final class IrcFarewell {

	private volatile String quitMessage = "";

	private volatile @Nullable String refusal;

	/**
	 * The client quit: {@code Quit: MESSAGE}, which its channels are told too.
	 * @return that text
	 */
	String quit(String message) {
		this.quitMessage = message.isEmpty() ? "Quit" : "Quit: " + message;
		return this.quitMessage;
	}

	/**
	 * Whether a failure the client is told ends its connection: any before it was
	 * admitted (a full server, too many connections from its address or network,
	 * connecting too fast, a ban, shutdown), and a ban. Then that failure is the reason
	 * its {@code ERROR} line gives.
	 */
	boolean ends(String failure, boolean admitted) {
		if (!admitted || failure.startsWith(IrcDialect.BANNED)) {
			this.refusal = failure;
			return true;
		}
		return false;
	}

	/**
	 * An operator's {@code KILL}: its message is the reason.
	 */
	void killed(String message) {
		this.refusal = message;
	}

	/**
	 * The reason in the {@code ERROR} line, given the reason the session recorded (null
	 * if it was never admitted).
	 */
	String why(@Nullable CloseReason reason) {
		String refused = this.refusal;
		return (reason == CloseReason.QUIT) ? this.quitMessage
				: (refused != null) ? refused : (reason != null) ? reason.farewell() : CloseReason.EOF.farewell();
	}

}
