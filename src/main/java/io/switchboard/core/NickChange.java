package io.switchboard.core;

/**
 * What became of asking for a nick.
 */
public enum NickChange {

	/** The client has it now. */
	CHANGED,
	/** Not a nick every door can show (IRC's rules). */
	INVALID,
	/**
	 * A name the server gives to clients without a nick ({@code ip-…}, {@code udp-3}).
	 */
	RESERVED,
	/** It is banned ({@code /actuator/bans}). */
	BANNED,
	/** Another client (on any node) holds it. */
	TAKEN,
	/** The cluster, which keeps nicks unique, is unreachable. */
	UNAVAILABLE,
	/** The client's token gives it another nick. */
	GIVEN_BY_TOKEN

}
