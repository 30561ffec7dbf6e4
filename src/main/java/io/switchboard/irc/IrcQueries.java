package io.switchboard.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.switchboard.core.ClientSession;
import io.switchboard.core.Event;

/**
 * The IRC commands that ask about the server rather than act: {@code NAMES}, {@code WHO},
 * {@code WHOIS}, {@code LIST} and {@code USERHOST}, answered with what is true. A reply
 * that grows with the rooms or members lists at most {@code switchboard.max-list-entries}
 * entries, as {@code /rooms} and {@code /who} do (one LIST was 2,004 lines), each line
 * queued as it is made.
 */
final class IrcQueries {

	/** Room of a NAMES reply line: names up to this many bytes, under IRC's 512. */
	private static final int NAMES_BYTES = 400;

	private final IrcServer server;

	IrcQueries(IrcServer server) {
		this.server = server;
	}

	/**
	 * {@code 353} lines of at most {@value #NAMES_BYTES} bytes of names, then
	 * {@code 366}: the room's first {@code switchboard.max-list-entries} members in order
	 * of arrival, and if there are more a {@code NOTICE} saying so before the end. A room
	 * the client may not join (token rooms) answers as an empty one: only {@code 366}.
	 */
	void names(IrcConnection connection, ClientSession session, String channel) {
		String me = connection.nickOrStar();
		String room = channel.isEmpty() ? null : IrcCommands.room(channel.split(",")[0]);
		if (room != null && visible(session, room)) {
			Set<String> operators = this.server.hub().operators(room);
			Set<String> voiced = this.server.hub().voiced(room);
			boolean all = connection.has("multi-prefix");
			List<String> members = this.server.hub().members(room);
			int max = this.server.maxListEntries();
			// = public, @ secret (+s)
			packed(connection, "353 " + me + (this.server.hub().modes(room).secret() ? " @ #" : " = #") + room + " :",
					members.subList(0, Math.min(max, members.size()))
						.stream()
						.map((member) -> prefix(operators.contains(member), voiced.contains(member), all)
								+ (connection.has("userhost-in-names")
										? connection.directory().mask(IrcNicks.of(member)) : IrcNicks.of(member)))
						.toList());
			cut(connection, "NAMES #" + room, max, members.size(), "members");
		}
		connection.reply("366 " + me + " " + ((room != null) ? "#" + room : (channel.isEmpty() ? "*" : channel))
				+ " :End of /NAMES list");
	}

	/**
	 * Whether the client may see the room's members and topic: in token mode a room it
	 * may not join is secret to it (as {@code +s} channels are on other servers: not
	 * listed, not in {@code WHOIS}, empty to {@code NAMES} and {@code WHO}), unless it is
	 * in it.
	 */
	boolean visible(ClientSession session, String room) {
		return session.membership().contains(room)
				|| (this.server.hub().mayJoin(session, room) && !this.server.hub().modes(room).secret());
	}

	/**
	 * A member's prefix in {@code NAMES}: {@code @} operator, {@code +} voiced; both
	 * ({@code @+}) for a client that asked for {@code multi-prefix}.
	 */
	private static String prefix(boolean operator, boolean voiced, boolean all) {
		return (operator ? "@" : "") + ((voiced && (all || !operator)) ? "+" : "");
	}

	/**
	 * A list reply cut at {@code switchboard.max-list-entries}: the client is told with a
	 * {@code NOTICE} just before the reply's end numeric, which stays as the protocol
	 * gives it (clients match on it), so the reply is its first {@code max} entries, the
	 * notice and the end.
	 */
	private static void cut(IrcConnection connection, String what, int max, int total, String entries) {
		if (total > max) {
			connection.notice(what + ": the first " + max + " of " + total + " " + entries
					+ " (the server lists at most " + max + ")");
		}
	}

	/**
	 * An IRC mask ({@code *} any characters, {@code ?} one) as a pattern, ignoring ASCII
	 * case.
	 */
	private static Pattern glob(String mask) {
		StringBuilder regex = new StringBuilder();
		for (char c : mask.toCharArray()) {
			regex.append((c == '*') ? ".*" : (c == '?') ? "." : Pattern.quote(String.valueOf(c)));
		}
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
	}

	/**
	 * {@code WHO #channel}, {@code WHO mask} or {@code WHO nick}: at most
	 * {@code switchboard.max-list-entries} {@code 352} lines (a {@code NOTICE} when there
	 * were more), then {@code 315}. A channel the client may not see answers as an empty
	 * one.
	 */
	void who(IrcConnection connection, ClientSession session, String mask) {
		String me = connection.nickOrStar();
		String server = connection.directory().server();
		int max = this.server.maxListEntries();
		if (mask.startsWith("#")) {
			String room = IrcCommands.room(mask);
			if (room != null && visible(session, room)) {
				Set<String> operators = this.server.hub().operators(room);
				List<String> members = this.server.hub().members(room);
				for (String member : members.subList(0, Math.min(max, members.size()))) {
					ClientSession client = this.server.registry().findByNick(member);
					whoLine(connection, me, "#" + room, IrcNicks.of(member), server,
							client != null && client.isServerOperator(), operators.contains(member));
				}
				cut(connection, "WHO #" + room, max, members.size(), "members");
			}
		}
		else if (mask.indexOf('*') >= 0 || mask.indexOf('?') >= 0) {
			Pattern glob = glob(mask);
			// One more than shown, to know whether there were more; never a count of all.
			// Invisible (+i) IRC users only to those who share a channel with them.
			List<ClientSession> matches = this.server.registry()
				.listing()
				.stream()
				.filter((client) -> glob.matcher(IrcNicks.of(client.from())).matches())
				.filter((client) -> client == session || !invisible(client) || sharesRoom(session, client))
				.limit(max + 1L)
				.toList();
			matches.stream()
				.limit(max)
				.forEach((client) -> whoLine(connection, me, "*", IrcNicks.of(client.from()), server,
						client.isServerOperator(), false));
			if (matches.size() > max) {
				connection.notice("WHO " + mask + ": the first " + max + " matching users (the server lists at most "
						+ max + ")");
			}
		}
		else if (!mask.isEmpty()) {
			ClientSession client = this.server.registry().findByNick(mask);
			if (client != null) {
				whoLine(connection, me, "*", client.nick(), server, client.isServerOperator(), false);
			}
		}
		connection.reply("315 " + me + " " + (mask.isEmpty() ? "*" : mask) + " :End of WHO list");
	}

	/**
	 * Whether a client is an IRC user with user mode {@code +i}.
	 */
	private boolean invisible(ClientSession client) {
		IrcConnection user = (client.nick() != null) ? this.server.directory().find(client.nick()) : null;
		return user != null && user.modes().invisible();
	}

	private static boolean sharesRoom(ClientSession session, ClientSession other) {
		return session.membership().all().stream().anyMatch(other.membership()::contains);
	}

	/**
	 * One {@code 352}: {@code H} here or {@code G} away, {@code *} for a server operator,
	 * {@code @} for a channel operator.
	 */
	private void whoLine(IrcConnection connection, String me, String channel, String nick, String server,
			boolean serverOperator, boolean operator) {
		IrcConnection user = connection.directory().find(nick);
		String mask = connection.directory().mask(nick);
		String username = mask.substring(mask.indexOf('!') + 1, mask.indexOf('@'));
		String realname = (user != null && !user.realname().isEmpty()) ? user.realname() : nick;
		String here = ((user != null && user.away() != null) ? "G" : "H") + (serverOperator ? "*" : "")
				+ (operator ? "@" : "");
		connection.reply("352 " + me + " " + channel + " " + username + " " + server + " " + server + " " + nick + " "
				+ here + " :0 " + realname);
	}

	/**
	 * {@code WHOIS nick}: its channels ({@code 319}) only those the asking client may
	 * see, at most {@code switchboard.max-list-entries} of them, in lines within IRC's
	 * 512 bytes.
	 */
	void whois(IrcConnection connection, ClientSession session, String nick) {
		String me = connection.nickOrStar();
		if (nick.isEmpty()) {
			connection.reply("431 " + me + " :No nickname given");
			return;
		}
		ClientSession client = this.server.registry().findByNick(nick);
		if (client == null || client.nick() == null) {
			connection.reply("401 " + me + " " + nick + " :No such nick");
			connection.reply("318 " + me + " " + nick + " :End of /WHOIS list");
			return;
		}
		String found = client.nick();
		String mask = connection.directory().mask(found);
		IrcConnection user = connection.directory().find(found);
		String server = connection.directory().server();
		connection.reply("311 " + me + " " + found + " " + mask.substring(mask.indexOf('!') + 1, mask.indexOf('@'))
				+ " " + server + " * :" + ((user != null && !user.realname().isEmpty()) ? user.realname()
						: client.protocol().tag() + " client"));
		List<String> rooms = client.membership().all().stream().filter((room) -> visible(session, room)).toList();
		int max = this.server.maxListEntries();
		packed(connection, "319 " + me + " " + found + " :",
				rooms.subList(0, Math.min(max, rooms.size()))
					.stream()
					.map((room) -> (this.server.hub().isOperator(client, room) ? "@#" : "#") + room)
					.toList());
		cut(connection, "WHOIS " + found, max, rooms.size(), "channels");
		connection.reply("312 " + me + " " + found + " " + server + " :" + this.server.properties().network());
		if (client.isServerOperator()) {
			connection.reply("313 " + me + " " + found + " :is an IRC operator");
		}
		if (user != null && user.away() != null) {
			connection.reply("301 " + me + " " + found + " :" + user.away());
		}
		connection.reply("318 " + me + " " + found + " :End of /WHOIS list");
	}

	/**
	 * {@code LIST}: the first {@code switchboard.max-list-entries} channels the client
	 * may see (a {@code NOTICE} when there were more), then {@code 323}.
	 */
	void list(IrcConnection connection, ClientSession session) {
		String me = connection.nickOrStar();
		int max = this.server.maxListEntries();
		connection.reply("321 " + me + " Channel :Users  Name");
		int listed = 0;
		int more = 0;
		for (Map.Entry<String, Integer> room : this.server.hub().roomCounts().entrySet()) {
			if (!visible(session, room.getKey())) {
				continue;
			}
			if (listed == max) {
				more++;
				continue;
			}
			listed++;
			Event.Topic topic = this.server.hub().topic(room.getKey());
			connection.reply("322 " + me + " #" + room.getKey() + " " + room.getValue() + " :"
					+ ((topic != null) ? IrcLines.topic(topic.text()) : ""));
		}
		cut(connection, "LIST", max, listed + more, "channels");
		connection.reply("323 " + me + " :End of /LIST");
	}

	/**
	 * {@code USERHOST nick...}: up to five, each {@code nick=+user@host} ({@code -} when
	 * away).
	 */
	void userhost(IrcConnection connection, IrcMessage message) {
		String me = connection.nickOrStar();
		List<String> found = new ArrayList<>();
		for (String nick : message.params().subList(0, Math.min(5, message.size()))) {
			ClientSession client = this.server.registry().findByNick(nick);
			if (client != null && client.nick() != null) {
				String mask = connection.directory().mask(client.nick());
				IrcConnection user = connection.directory().find(client.nick());
				boolean away = user != null && user.away() != null;
				found.add(client.nick() + "=" + (away ? "-" : "+") + mask.substring(mask.indexOf('!') + 1));
			}
		}
		connection.reply("302 " + me + " :" + String.join(" ", found));
	}

	/**
	 * Words (nicks, channels) in as few replies of {@code prefix} and words as hold them,
	 * each within {@value #NAMES_BYTES} bytes of words ({@code 353}, {@code 319}).
	 */
	private static void packed(IrcConnection connection, String prefix, List<String> words) {
		StringBuilder line = new StringBuilder();
		for (String word : words) {
			if (line.length() + word.length() + 1 > NAMES_BYTES) {
				connection.reply(prefix + line);
				line.setLength(0);
			}
			line.append((line.length() > 0) ? " " : "").append(word);
		}
		if (line.length() > 0) {
			connection.reply(prefix + line);
		}
	}

}
