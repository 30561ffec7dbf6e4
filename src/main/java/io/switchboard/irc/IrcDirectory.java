package io.switchboard.irc;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The server's name and this node's registered IRC users by nick: what prefixes
 * ({@code nick!user@host}), {@code WHOIS} and away replies need to know of IRC users
 * beyond the hub's view of them. Nicks compare ignoring ASCII case
 * ({@code CASEMAPPING=ascii}), as the hub's do.
 */
final class IrcDirectory {

	/** {@code USERLEN}: the longest user name shown. */
	static final int USER_LENGTH = 10;

	private final String server;

	private final Map<String, IrcConnection> users = new ConcurrentHashMap<>();

	IrcDirectory(String server) {
		this.server = server;
	}

	String server() {
		return this.server;
	}

	/**
	 * A client's prefix: {@code nick!~user@server}, the user name an IRC user registered
	 * with, else the nick. No client's address is ever shown (the server's name stands
	 * for every host), as other doors show none.
	 */
	String mask(String nick) {
		IrcConnection user = this.users.get(key(nick));
		String name = (user != null) ? user.username() : nick;
		return nick + "!~" + ((name.length() > USER_LENGTH) ? name.substring(0, USER_LENGTH) : name) + "@"
				+ this.server;
	}

	@Nullable IrcConnection find(String nick) {
		return this.users.get(key(nick));
	}

	void add(String nick, IrcConnection user) {
		this.users.put(key(nick), user);
	}

	void remove(String nick, IrcConnection user) {
		this.users.remove(key(nick), user);
	}

	/** This node's registered IRC users, as they are now. */
	Collection<IrcConnection> users() {
		return this.users.values();
	}

	int size() {
		return this.users.size();
	}

	static String key(String nick) {
		return nick.toLowerCase(Locale.ROOT);
	}

}
