package io.switchboard.transport;

/**
 * One message cut from a byte stream (TCP, Unix stream).
 *
 * @param bytes the message, without its line end
 * @param tooLong the message exceeded {@code max-message-bytes}; {@code bytes} is then
 * empty and the rest of the line unread
 * @param unfinished a started line did not end within
 * {@code switchboard.tcp.line-timeout}; {@code bytes} is then empty
 */
public record Frame(byte[] bytes, boolean tooLong, boolean unfinished) {

	public static final Frame TOO_LONG = new Frame(new byte[0], true, false);

	public static final Frame UNFINISHED = new Frame(new byte[0], false, true);

	public static Frame of(byte[] bytes) {
		return new Frame(bytes, false, false);
	}

}
