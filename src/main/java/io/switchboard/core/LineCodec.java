package io.switchboard.core;

import java.nio.charset.Charset;

/**
 * Turns wire bytes into text and text into LF-terminated lines, in the configured charset
 * ({@code switchboard.charset}). Bytes that do not decode become U+FFFD.
 */
public final class LineCodec {

	private final Charset charset;

	/**
	 * Whether an ASCII character is its one byte here (UTF-8, ISO-8859-x, not UTF-16).
	 */
	private final boolean asciiCompatible;

	public LineCodec(Charset charset) {
		this.charset = charset;
		this.asciiCompatible = "/ ".equals(new String(new byte[] { '/', ' ' }, charset));
	}

	public String decode(byte[] bytes) {
		// String's constructor replaces malformed input with U+FFFD; it never throws.
		return new String(bytes, this.charset);
	}

	/**
	 * Whether the text of {@code bytes} starts with the ASCII character {@code first}:
	 * its first byte, in a charset where ASCII characters are their own single bytes
	 * (UTF-8, ISO-8859-x; not UTF-16); else decoded.
	 */
	public boolean startsWith(byte[] bytes, char first) {
		if (this.asciiCompatible) {
			return bytes.length > 0 && bytes[0] == first;
		}
		return decode(bytes).startsWith(String.valueOf(first));
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
