package io.switchboard.core;

/**
 * What a message must pass before the hub reads it: a stream's first message must not be
 * another protocol (HTTP, TLS) knocking on the chat port, and every message must be
 * within the sender's flood allowance.
 */
final class InboundGate {

	/**
	 * @return true if the message goes on to the hub; false if it was refused (the sender
	 * has been told, or closed)
	 */
	boolean pass(ClientSession session, byte[] message) {
		if (session.takeFirstMessage() && session.protocol().isStream()) {
			ForeignProtocol foreign = ForeignProtocol.recognise(message);
			if (foreign != null) {
				// Closed with FIN like a too-long line; what it sends meanwhile is
				// ignored.
				session.close(CloseReason.NOT_CHAT, foreign.answer());
				return false;
			}
		}
		return session.admit(message.length);
	}

}
