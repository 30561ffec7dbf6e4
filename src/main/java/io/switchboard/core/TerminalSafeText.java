package io.switchboard.core;

/**
 * Escapes what could deceive or drive other people's terminals before text reaches them:
 * control characters (colours, cursor moves, title changes, bells) and the invisible
 * format characters that make a line display as something else. C0 codes and DEL become
 * caret notation ({@code ESC} is {@code ^[}), C1 codes {@code \x85} style; bidi controls,
 * line and paragraph separators, zero-width characters and the BOM become
 * {@code <U+202E>} style text. Tab is kept, and so is SOH ({@code \x01}): no terminal
 * acts on it, and it delimits IRC's CTCP ({@code \x01ACTION waves\x01} is
 * {@code /me waves}), which IRC clients need as they sent it.
 */
final class TerminalSafeText {

	private TerminalSafeText() {
	}

	static String escape(String text) {
		int first = firstUnsafe(text);
		if (first < 0) {
			return text;
		}
		StringBuilder safe = new StringBuilder(text.length() + 8).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != 0x01 || c == 0x7f) {
				safe.append('^').append((char) (c ^ 0x40));
			}
			else if (c >= 0x80 && c <= 0x9f) {
				safe.append(String.format("\\x%02x", (int) c));
			}
			else if (isInvisibleFormat(c)) {
				safe.append(String.format("<U+%04X>", (int) c));
			}
			else {
				safe.append(c);
			}
		}
		return safe.toString();
	}

	private static int firstUnsafe(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != 0x01) || (c >= 0x7f && c <= 0x9f) || isInvisibleFormat(c)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Characters that reorder or hide text on display (Trojan Source, CVE-2021-42574;
	 * spoofed nicks): bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
	 * U+2066-U+2069), line and paragraph separators (U+2028, U+2029), zero-width
	 * characters (U+200B-U+200D, U+2060) and the BOM (U+FEFF).
	 */
	private static boolean isInvisibleFormat(char c) {
		return c == 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || c == 0x2060
				|| (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
	}

}
