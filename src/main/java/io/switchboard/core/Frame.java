package io.switchboard.core;

/**
 * One message cut from a byte stream (TCP, Unix stream).
 *
 * @param bytes the message, without its line end
 * @param tooLong the message exceeded {@code max-message-bytes}; {@code bytes} is then
 * empty and the rest of the line unread
 */
public record Frame(byte[] bytes, boolean tooLong) {

	public static final Frame TOO_LONG = new Frame(new byte[0], true);

	public static Frame of(byte[] bytes) {
		return new Frame(bytes, false);
	}

}
