package io.switchboard.hub;

/**
 * Escapes control characters before text reaches other people's terminals, so nobody can
 * send them escape sequences (colours, cursor moves, title changes, bells). C0 codes and
 * DEL become caret notation ({@code ESC} is {@code ^[}), C1 codes {@code \x85} style; tab
 * is kept.
 */
final class TerminalSafeText {

	private TerminalSafeText() {
	}

	static String escape(String text) {
		int first = firstControl(text);
		if (first < 0) {
			return text;
		}
		StringBuilder safe = new StringBuilder(text.length() + 8).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' || c == 0x7f) {
				safe.append('^').append((char) (c ^ 0x40));
			}
			else if (c >= 0x80 && c <= 0x9f) {
				safe.append(String.format("\\x%02x", (int) c));
			}
			else {
				safe.append(c);
			}
		}
		return safe.toString();
	}

	private static int firstControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
				return i;
			}
		}
		return -1;
	}

}
