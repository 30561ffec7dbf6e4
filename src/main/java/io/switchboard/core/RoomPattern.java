package io.switchboard.core;

import java.util.List;

/**
 * A pattern of room names, as token claims and room policies write them: {@code *} (any
 * room), a room's name, or a prefix ending in {@code *} ({@code team-*}).
 */
public final class RoomPattern {

	/**
	 * What a pattern may be: {@code *}, or a room name, optionally ending in {@code *}.
	 */
	public static final String SYNTAX = "\\*|[A-Za-z0-9_.-]{1,32}\\*?";

	private RoomPattern() {
	}

	/**
	 * Whether the room matches, ignoring ASCII case as room names compare.
	 */
	public static boolean matches(String pattern, String room) {
		return pattern.equals("*") || pattern.equalsIgnoreCase(room)
				|| (pattern.endsWith("*") && room.regionMatches(true, 0, pattern, 0, pattern.length() - 1));
	}

	public static boolean anyMatches(List<String> patterns, String room) {
		for (String pattern : patterns) {
			if (matches(pattern, room)) {
				return true;
			}
		}
		return false;
	}

}
