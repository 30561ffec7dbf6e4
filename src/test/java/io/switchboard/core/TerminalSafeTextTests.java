package io.switchboard.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalSafeTextTests {

	@Test
	void plainTextIncludingTabAndOtherScriptsIsUnchanged() {
		String text = "hello\tworld \u00e9\u4e16\u754c \u05e9\u05dc\u05d5\u05dd \ud83d\ude00";
		assertThat(TerminalSafeText.escape(text)).isSameAs(text);
	}

	@Test
	void c0AndDelBecomeCaretNotationAndC1BecomesHex() {
		assertThat(TerminalSafeText.escape("\u001b[31mred\u0007\u0000\u007f\u0085\u009b"))
			.isEqualTo("^[[31mred^G^@^?\\x85\\x9b");
	}

	@Test
	void ctcpDelimitersAreKeptForIrcClientsAndTheRestOfC0IsStillEscaped() {
		assertThat(TerminalSafeText.escape("\u0001ACTION waves\u0001")).isEqualTo("\u0001ACTION waves\u0001");
		assertThat(TerminalSafeText.escape("\u0001\u0002bold\u0003")).isEqualTo("\u0001^Bbold^C");
	}

	@Test
	void bidiControlsAreShownAsCodePoints() {
		assertThat(
				TerminalSafeText.escape("a\u061cb\u200e\u200f\u202a\u202b\u202c\u202d\u202ec\u2066\u2067\u2068\u2069"))
			.isEqualTo("a<U+061C>b<U+200E><U+200F><U+202A><U+202B><U+202C><U+202D><U+202E>c"
					+ "<U+2066><U+2067><U+2068><U+2069>");
	}

	@Test
	void lineAndParagraphSeparatorsZeroWidthCharactersAndBomAreShownAsCodePoints() {
		assertThat(TerminalSafeText.escape("\ufeffx\u2028y\u2029z\u200b\u200c\u200d\u2060"))
			.isEqualTo("<U+FEFF>x<U+2028>y<U+2029>z<U+200B><U+200C><U+200D><U+2060>");
	}

	@Test
	void neighboursOfTheEscapedRangesAreKept() {
		String text = "\u061b\u061d\u200a\u2010\u2027\u202f\u205f\u2061\u2065\u206a\ufefe\ufeff";
		assertThat(TerminalSafeText.escape(text)).isEqualTo(text.substring(0, text.length() - 1) + "<U+FEFF>");
	}

}
