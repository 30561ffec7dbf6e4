package io.switchboard.core;

import java.util.regex.Pattern;

/**
 * The nick rules every door shares, IRC's among them (the modern IRC rules: no leading
 * digit or dash, no dot or space), so a nick taken on one door can be shown on all; and
 * the names no client may take, though the rules allow them.
 */
public final class Nicks {

	/** The longest nick ({@code NICKLEN}). */
	public static final int MAX_LENGTH = 32;

	/** What a nick may be made of, said to those who try another. */
	public static final String RULES = "1-32 of A-Z a-z 0-9 _ - [ ] \\ ^ ` { | }, not starting with a digit, - or [";

	/**
	 * The nick grammar as a regular expression, for clients that check a nick before they
	 * send it (the web page has it from the json {@code hello}): one that Java and
	 * JavaScript read alike.
	 */
	public static final String PATTERN = "[A-Za-z\\[\\]\\\\^_`{|}][A-Za-z0-9\\[\\]\\\\^_`{|}-]{0," + (MAX_LENGTH - 1)
			+ "}";

	private static final Pattern NICK = Pattern.compile(PATTERN);

	/**
	 * What clients without a nick are called on doors that need one ({@code ip-…},
	 * {@code ip6-…}), the ids others see of clients whose address is hidden
	 * ({@code udp-3}) and guest names ({@code guest-17}): nobody may take one, so nobody
	 * can pass for such a client.
	 */
	private static final Pattern RESERVED = Pattern
		.compile("(?i)ip-[0-9a-f-]*|ip6-.*|(tcp|udp|unix-stream|unix-datagram|websocket|irc|guest)-[0-9]+");

	/**
	 * Services (the publish API) are shown as {@code [name]}. IRC's grammar lets a nick
	 * start with {@code [}, so the whole bracketed form is reserved, not just the names
	 * services use: a nick starting with {@code [} could render, in the line format, the
	 * json {@code from} and an IRC prefix alike, as a service's sender ({@code [x]}), or
	 * as one cut short ({@code [x}).
	 */
	private static final char SERVICE_MARK = '[';

	private Nicks() {
	}

	public static boolean isValid(String nick) {
		return NICK.matcher(nick).matches();
	}

	public static boolean isReserved(String nick) {
		return isServiceForm(nick) || RESERVED.matcher(nick).matches();
	}

	/**
	 * Whether a name has the form services are shown in ({@code [deploy-bot]}), which no
	 * client may take.
	 */
	public static boolean isServiceForm(String nick) {
		return !nick.isEmpty() && nick.charAt(0) == SERVICE_MARK;
	}

}
