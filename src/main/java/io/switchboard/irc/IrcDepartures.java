package io.switchboard.irc;

import java.util.HashMap;
import java.util.Map;

import io.switchboard.core.Event;

/**
 * The nick changes and quits one IRC client was told, so that it is told each once: the
 * hub tells every room of someone who changes nick or quits, and a client sharing 20
 * rooms with them would get 20 identical {@code NICK} or {@code QUIT} lines (a nick
 * change cost 18 chat lines). A nick is remembered until the client could hear of it
 * anew: someone with it joins one of its channels or takes it by a nick change, or the
 * client joins a channel (where anyone may have it).
 */
final class IrcDepartures {

	/** Beyond this many nicks the memory starts over: at worst a line is repeated. */
	private static final int MAX_REMEMBERED = 1024;

	/** By nick (lower case): {@code NICK new} or {@code QUIT}. */
	private final Map<String, String> told = new HashMap<>();

	/**
	 * Whether the event only repeats a departure this client was told; remembers the ones
	 * it was not.
	 */
	synchronized boolean repeats(Event event) {
		return switch (event) {
			case Event.Renamed renamed -> {
				String to = IrcNicks.of(renamed.to());
				this.told.remove(IrcDirectory.key(to));
				yield !remember(IrcNicks.of(renamed.from()), "NICK " + to);
			}
			case Event.Presence presence when presence.quit() -> !remember(IrcNicks.of(presence.who()), "QUIT");
			case Event.Presence presence when presence.joined() -> {
				this.told.remove(IrcDirectory.key(IrcNicks.of(presence.who())));
				yield false;
			}
			default -> false;
		};
	}

	/**
	 * The client joined a channel: whoever is in it may have a nick it heard leave.
	 */
	synchronized void joined() {
		this.told.clear();
	}

	/**
	 * @return false if the client was told just this already
	 */
	private boolean remember(String nick, String departure) {
		if (this.told.size() >= MAX_REMEMBERED) {
			this.told.clear();
		}
		return !departure.equals(this.told.put(IrcDirectory.key(nick), departure));
	}

}
