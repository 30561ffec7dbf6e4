package io.switchboard.client;

import java.nio.charset.Charset;

/**
 * Turns wire bytes into text and text into LF-terminated lines, in the configured charset
 * ({@code switchboard.charset}). Bytes that do not decode become U+FFFD.
 */
public final class LineCodec {

	private final Charset charset;

	public LineCodec(Charset charset) {
		this.charset = charset;
	}

	public String decode(byte[] bytes) {
		// String's constructor replaces malformed input with U+FFFD; it never throws.
		return new String(bytes, this.charset);
	}

	/**
	 * Encode one line of text, appending LF.
	 */
	public byte[] encodeLine(String text) {
		return (text + "\n").getBytes(this.charset);
	}

	public OutboundLine reply(String text) {
		return new OutboundLine(encodeLine(text), 0);
	}

	public Charset charset() {
		return this.charset;
	}

}
