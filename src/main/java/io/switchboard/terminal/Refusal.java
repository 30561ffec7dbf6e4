package io.switchboard.terminal;

import org.jspecify.annotations.Nullable;

/**
 * The server's lines after which reconnecting is pointless, because the next connection
 * would be refused the same way (a bad or expired token, no token where one is needed, a
 * ban): the client stops with one sentence saying what to do instead of looping.
 */
final class Refusal {

	private Refusal() {
	}

	/**
	 * @param line a line from the server
	 * @return the sentence to stop with, or null if the line is no such refusal
	 */
	static @Nullable String of(String line) {
		if (line.startsWith("ERR invalid token: ") || line.equals("ERR token expired")) {
			return "the server refused the token (" + line.substring(4)
					+ "); get a new one and run again with --token TOKEN or " + ClientOptions.TOKEN_VARIABLE + "=TOKEN";
		}
		if (line.equals("ERR authentication timed out")) {
			return "this server signs clients in with a token; run again with --token TOKEN or "
					+ ClientOptions.TOKEN_VARIABLE + "=TOKEN";
		}
		if (line.startsWith("ERR banned: ")) {
			return "the server refused you (" + line.substring(4) + ")";
		}
		return null;
	}

}
