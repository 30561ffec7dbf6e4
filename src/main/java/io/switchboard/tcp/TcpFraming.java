package io.switchboard.tcp;

/**
 * How a TCP byte stream is cut into messages.
 */
public enum TcpFraming {

	/** A message is a line ending in LF; a CR before the LF is dropped. */
	LINE,

	/**
	 * Each read of up to {@code max-message-bytes} is one message, as the seeds' Python
	 * clients expect (they send without a newline).
	 */
	CHUNK

}
