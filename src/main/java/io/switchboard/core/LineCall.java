package io.switchboard.core;

/**
 * One line of the line protocol as a command reads it: the word it starts with
 * ({@code /join}), what follows the word, and the room the line is about.
 *
 * @param session who sent it
 * @param line the whole line
 * @param word the line up to its first space
 * @param argument what follows that space, leading whitespace removed
 * @param room the room the line is about (a room command answers for it)
 * @param receivedNanos when it was read
 */
record LineCall(ClientSession session, String line, String word, String argument, String room, long receivedNanos) {

	static LineCall of(ClientSession session, String line, String room, long receivedNanos) {
		int space = line.indexOf(' ');
		String word = (space < 0) ? line : line.substring(0, space);
		String argument = (space < 0) ? "" : line.substring(space + 1).stripLeading();
		return new LineCall(session, line, word, argument, room, receivedNanos);
	}

	/**
	 * Whether the line is its word alone: nothing after it, not even a space.
	 */
	boolean alone() {
		return this.line.length() == this.word.length();
	}

	/**
	 * Whether at least {@code count} words follow the command's: words are what spaces
	 * separate, and a blank one (a tab alone) is none, so {@code /msg bob \t} has one.
	 */
	boolean hasArguments(int count) {
		if (count <= 0) {
			return true;
		}
		int found = 0;
		for (String piece : this.argument.split(" ")) {
			if (!piece.isBlank() && ++found >= count) {
				return true;
			}
		}
		return false;
	}

}
