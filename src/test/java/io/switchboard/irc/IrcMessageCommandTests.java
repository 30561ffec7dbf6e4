package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw line's command, read without parsing the line: it decides whether a line is
 * handed over on the event loop, so it must name the command {@link IrcMessage#parse}
 * finds.
 */
class IrcMessageCommandTests {

	@Test
	void theCommandIsFoundPastTagsAndSourceUpperCased() throws IrcMessage.TooLong {
		for (String line : new String[] { "PRIVMSG #a :hi", "privmsg #a :hi", "@time=x PRIVMSG #a :hi",
				":me!u@h PRIVMSG #a :hi", "@a=b :me NOTICE #a :hi", "  PING x", "PONG", "@tags", ":source", "JOIN #a",
				"" }) {
			IrcMessage parsed = IrcMessage.parse(line);
			String expected = (parsed != null) ? parsed.command().toUpperCase(Locale.ROOT) : "";
			assertThat(IrcMessage.command(line.getBytes(StandardCharsets.UTF_8))).as(line).isEqualTo(expected);
		}
	}

	@Test
	void onlyValidUtf8IsUtf8() {
		assertThat(IrcMessage.isUtf8("PRIVMSG #a :h\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(IrcMessage.isUtf8(new byte[] { 'h', 'i', (byte) 0xaa })).isFalse();
		assertThat(IrcMessage.isUtf8(new byte[] { (byte) 0xe9, 't', 'e' })).as("Latin-1").isFalse();
	}

	@Test
	void aWordLongerThanAnyCommandIsNone() {
		assertThat(IrcMessage.command("PRIVMSGPRIVMSGPRIVMSG #a :hi".getBytes(StandardCharsets.UTF_8))).isEmpty();
	}

}
