package io.switchboard.irc;

import io.switchboard.core.ClientSession;

/**
 * One IRC command as a handler gets it: the connection it came on, the client's session,
 * the message, and when it was read.
 */
record IrcCall(IrcConnection connection, ClientSession session, IrcMessage message, long receivedNanos) {

	/** The client's nick, or {@code *} before registration. */
	String me() {
		return this.connection.nickOrStar();
	}

}
