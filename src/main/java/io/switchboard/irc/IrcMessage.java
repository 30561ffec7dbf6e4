package io.switchboard.irc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One message from an IRC client, as the modern IRC client protocol frames it:
 * {@code [@tags] [:source] COMMAND [params...] [:trailing]}. Of its tags only the
 * client-only ones ({@code +typing}, {@code +draft/reply=ID}) are kept, to be relayed
 * ({@link IrcClientTags}); a client cannot pass off {@code msgid} or {@code time} as the
 * server's.
 *
 * @param command upper case
 * @param params the parameters, the trailing one last
 * @param clientTags its client-only tags, as sent (escaped), {@code ;} between them;
 * empty for none
 */
record IrcMessage(String command, List<String> params, String clientTags) {

	/** The longest message without its tags, CR and LF (512 with CR LF). */
	static final int MAX_BODY_BYTES = 510;

	/**
	 * The most tag data a client may send, without its {@code @} and the space after it
	 * (IRCv3 message-tags; the server's own tags may take a section to 8191 bytes).
	 */
	static final int MAX_TAG_BYTES = 4094;

	/**
	 * The longest line a client may send without CR LF: a full tag section with its
	 * {@code @} and space, and a full message.
	 */
	static final int MAX_LINE_BYTES = MAX_TAG_BYTES + 2 + MAX_BODY_BYTES;

	IrcMessage(String command, List<String> params) {
		this(command, params, "");
	}

	/** The most parameters a message has. */
	private static final int MAX_PARAMS = 15;

	String param(int index) {
		return (index < this.params.size()) ? this.params.get(index) : "";
	}

	int size() {
		return this.params.size();
	}

	/**
	 * Parse one line (without CR LF).
	 * @return the message, or null for a line with no command (empty, or tags only)
	 * @throws TooLong if the tags or the rest exceed their limits
	 */
	/**
	 * The command of a line as it came (its tags and source skipped), upper-cased,
	 * without parsing the rest; empty if it has none or it is longer than any command.
	 */
	static String command(byte[] line) {
		int at = (line.length > 0 && line[0] == '@') ? wordEnd(line, 0) : 0; // tags
		at = skipSpaces(line, at);
		if (at < line.length && line[at] == ':') { // the source
			at = skipSpaces(line, wordEnd(line, at));
		}
		int end = wordEnd(line, at);
		return (end - at > 16) ? ""
				: new String(line, at, end - at, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
	}

	/**
	 * Whether a line is valid UTF-8 (the {@code UTF8ONLY} the server declares).
	 */
	static boolean isUtf8(byte[] line) {
		for (byte b : line) {
			if (b < 0) {
				try {
					StandardCharsets.UTF_8.newDecoder()
						.onMalformedInput(CodingErrorAction.REPORT)
						.onUnmappableCharacter(CodingErrorAction.REPORT)
						.decode(ByteBuffer.wrap(line));
					return true;
				}
				catch (CharacterCodingException ex) {
					return false;
				}
			}
		}
		return true; // ASCII, as nearly every line is
	}

	private static int wordEnd(byte[] line, int from) {
		int at = from;
		while (at < line.length && line[at] != ' ') {
			at++;
		}
		return at;
	}

	private static int skipSpaces(byte[] line, int from) {
		int at = from;
		while (at < line.length && line[at] == ' ') {
			at++;
		}
		return at;
	}

	static @Nullable IrcMessage parse(String line) throws TooLong {
		int at = 0;
		String clientTags = "";
		if (line.startsWith("@")) {
			int space = line.indexOf(' ');
			int end = (space < 0) ? line.length() : space;
			if (utf8Length(line, 1, end) > MAX_TAG_BYTES) {
				throw new TooLong();
			}
			clientTags = IrcClientTags.clientOnly(line.substring(1, end));
			at = end;
		}
		at = skipSpaces(line, at);
		if (utf8Length(line, at, line.length()) > MAX_BODY_BYTES) {
			throw new TooLong();
		}
		if (at < line.length() && line.charAt(at) == ':') {
			int space = line.indexOf(' ', at);
			at = (space < 0) ? line.length() : space; // the source: ignored from clients
			at = skipSpaces(line, at);
		}
		int space = line.indexOf(' ', at);
		String command = line.substring(at, (space < 0) ? line.length() : space);
		if (command.isEmpty()) {
			return null;
		}
		List<String> params = new ArrayList<>(4);
		at = (space < 0) ? line.length() : skipSpaces(line, space);
		while (at < line.length()) {
			if (line.charAt(at) == ':' || params.size() == MAX_PARAMS - 1) {
				params.add(line.substring((line.charAt(at) == ':') ? at + 1 : at));
				break;
			}
			int next = line.indexOf(' ', at);
			params.add(line.substring(at, (next < 0) ? line.length() : next));
			at = (next < 0) ? line.length() : skipSpaces(line, next);
		}
		return new IrcMessage(command.toUpperCase(Locale.ROOT), List.copyOf(params), clientTags);
	}

	private static int skipSpaces(String line, int from) {
		int at = from;
		while (at < line.length() && line.charAt(at) == ' ') {
			at++;
		}
		return at;
	}

	private static int utf8Length(String text, int from, int to) {
		int bytes = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800) ? 2 : Character.isSurrogate(c) ? 2 : 3;
		}
		return bytes;
	}

	/**
	 * A line over IRC's limits: {@code 417 ERR_INPUTTOOLONG}.
	 */
	static final class TooLong extends Exception {

		TooLong() {
			super("Input line was too long", null, false, false);
		}

	}

}
