package io.switchboard.irc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Client-only message tags (IRCv3 message-tags): of the tags a client sends, those whose
 * name starts with {@code +} ({@code +typing=active}, {@code +draft/reply=ID}) are
 * relayed to the clients that asked for {@code message-tags}; the others ({@code msgid},
 * {@code time}, anything unknown) are the server's to give and are dropped, so no client
 * can pass a tag off as the server's.
 */
final class IrcClientTags {

	/**
	 * {@code +}, an optional vendor (a host name) and {@code /}, then the name: what the
	 * specification allows, and nothing that could end the tag section or the line.
	 */
	private static final Pattern NAME = Pattern.compile("\\+(?:[A-Za-z0-9.-]{1,253}/)?[A-Za-z0-9-]{1,255}");

	private IrcClientTags() {
	}

	/**
	 * The client-only tags of a tag section, as sent (their values still escaped), each
	 * name once (the last value wins, as the specification says) and in the order first
	 * named; empty if none.
	 * @param tagData the section without its {@code @} and the space after it (no space,
	 * CR, LF or NUL in it: the line was cut there or refused)
	 */
	static String clientOnly(String tagData) {
		if (tagData.indexOf('+') < 0) {
			return "";
		}
		Map<String, String> kept = new LinkedHashMap<>();
		for (String tag : tagData.split(";")) {
			int equals = tag.indexOf('=');
			String name = (equals < 0) ? tag : tag.substring(0, equals);
			String value = (equals < 0) ? "" : tag.substring(equals + 1);
			if (NAME.matcher(name).matches()) {
				kept.put(name, value);
			}
		}
		StringBuilder tags = new StringBuilder();
		kept.forEach((name, value) -> tags.append((tags.length() > 0) ? ";" : "")
			.append(name)
			.append(value.isEmpty() ? "" : "=" + value));
		return tags.toString();
	}

}
