package io.switchboard.core;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Chat line ids, {@code TAG.SEQ}: {@code SEQ} counts a room's lines from 1; {@code TAG}
 * names one run of the room's history: 4 characters from the room's name, so an id from
 * another room is told apart, and 6 random ones, so an id from an earlier run (before a
 * restart) is too, like Centrifugo's epoch.
 */
final class ChatIds {

	private static final Pattern ID = Pattern.compile("([0-9a-z]{10})\\.(\\d{1,18})");

	private ChatIds() {
	}

	/**
	 * An id taken apart, or null if it is no id.
	 */
	static @Nullable Parsed parse(String id) {
		Matcher matcher = ID.matcher(id);
		return matcher.matches() ? new Parsed(matcher.group(1), Long.parseLong(matcher.group(2))) : null;
	}

	/**
	 * A tag for a new run of a room's history.
	 */
	static String newTag(String room) {
		// Tells runs apart; nothing secret rests on it.
		return roomPart(room) + base36(ThreadLocalRandom.current().nextLong(), 6);
	}

	/**
	 * Whether an id's tag names this room.
	 */
	static boolean isOf(String room, String id) {
		return id.startsWith(roomPart(room));
	}

	private static String roomPart(String room) {
		return base36(room.toLowerCase(Locale.ROOT).hashCode(), 4);
	}

	private static String base36(long value, int digits) {
		String text = Long.toString(Math.floorMod(value, (long) Math.pow(36, digits)), 36);
		return "0".repeat(digits - text.length()) + text;
	}

	record Parsed(String tag, long seq) {
	}

}
