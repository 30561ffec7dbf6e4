package io.switchboard.irc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The nicks one IRC client exchanged private messages with on this connection, and when
 * last: what {@code CHATHISTORY TARGETS} lists beside its channels (private messages are
 * never kept, so there is no other record). At most {@value #MAX} of them, the least
 * recent forgotten first: strangers messaging a client cannot grow it without bound.
 */
final class IrcConversations {

	/** The most conversations remembered. */
	static final int MAX = 100;

	private final Map<String, Target> targets = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Target> eldest) {
			return size() > MAX;
		}

	};

	/**
	 * A message to or from {@code nick} at {@code time}.
	 */
	synchronized void record(String nick, Instant time) {
		String key = nick.toLowerCase(Locale.ROOT);
		Target known = this.targets.get(key);
		if (known == null || !known.latest().isAfter(time)) {
			this.targets.put(key, new Target(nick, time));
		}
	}

	synchronized List<Target> all() {
		return new ArrayList<>(this.targets.values());
	}

	/**
	 * A conversation: the other's nick as last seen, and the time of the latest message.
	 */
	record Target(String name, Instant latest) {
	}

}
