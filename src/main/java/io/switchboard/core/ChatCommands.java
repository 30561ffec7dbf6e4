package io.switchboard.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The slash commands. Replies go only to the caller: information or an error event.
 */
final class ChatCommands {

	/** Nick and room names: 1-32 of A-Z a-z 0-9 _ . - */
	static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,32}";

	private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(NAME_PATTERN);

	private static final Event HELP = Event.info(
			"commands: /nick NAME, /join ROOM, /rooms, /who, /part ROOM, /msg NICK TEXT, /history [N], /topic [TEXT], /ping, /help, /quit (or quit); in a room you made or with an admin token /kick NICK [REASON]; with an admin token /ban NICK [DURATION [REASON]]");

	private static final Event PONG = Event.info("pong");

	private static final int MAX_ECHOED_CHARS = 40;

	private static final int DEFAULT_HISTORY = 20;

	private final RoomEntry entry;

	private final Rooms rooms;

	private final ClientRegistry registry;

	private final ClusterBridge cluster;

	private final int maxListEntries;

	private final PrivateMessages privateMessages;

	private final TopicCommand topic;

	private final Moderation moderation;

	private final Bans bans;

	ChatCommands(RoomEntry entry, Rooms rooms, ClientRegistry registry, ClusterBridge cluster, int maxListEntries,
			PrivateMessages privateMessages, TopicCommand topic, Moderation moderation, Bans bans) {
		this.moderation = moderation;
		this.bans = bans;
		this.privateMessages = privateMessages;
		this.topic = topic;
		this.cluster = cluster;
		this.maxListEntries = maxListEntries;
		this.entry = entry;
		this.rooms = rooms;
		this.registry = registry;
	}

	/**
	 * Run a command.
	 * @return the reply, for the caller only
	 */
	@Nullable Event run(ClientSession session, String line, long receivedNanos, String room) {
		int space = line.indexOf(' ');
		String command = (space < 0) ? line : line.substring(0, space);
		String argument = (space < 0) ? "" : line.substring(space + 1).stripLeading();
		return switch (command) {
			case "/nick" -> nick(session, argument.strip());
			case "/join" -> join(session, argument.strip());
			case "/part" -> part(session, argument.strip(), room);
			case "/history" -> history(session, room, argument.strip());
			case "/topic" -> this.topic.run(session, room, argument);
			case "/rooms" -> rooms();
			case "/who" -> who(room);
			case "/msg", "/w" -> this.privateMessages.send(session, argument, receivedNanos);
			case "/kick" -> this.moderation.kick(session, argument, room);
			case "/ban" -> this.moderation.ban(session, argument);
			case "/ping" -> PONG;
			case "/help" -> HELP;
			default -> Event.failure("unknown command " + echoed(command) + " (try /help)");
		};
	}

	/**
	 * {@code /kick NICK [REASON]} in a room, for doors with a command of their own.
	 */
	@Nullable Event kick(ClientSession session, String nick, String reason, String room) {
		return this.moderation.kick(session, reason.isBlank() ? nick : nick + " " + reason, room);
	}

	static boolean isName(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * A client's own input as an {@code ERR} line repeats it: escaped like text for
	 * others (its terminal must not run what it sent), and cut to
	 * {@value #MAX_ECHOED_CHARS} characters, so an 8 KiB command does not come back as a
	 * reply of up to four times that (escaping lengthens it).
	 */
	static String echoed(String input) {
		if (input.length() <= MAX_ECHOED_CHARS) {
			return TerminalSafeText.escape(input);
		}
		int end = Character.isHighSurrogate(input.charAt(MAX_ECHOED_CHARS - 1)) ? MAX_ECHOED_CHARS - 1
				: MAX_ECHOED_CHARS;
		return TerminalSafeText.escape(input.substring(0, end)) + "\u2026";
	}

	private Event nick(ClientSession session, String nick) {
		Identity identity = session.identity();
		if (identity != null && identity.nick() != null) {
			return Event.failure("your token gives you the nick " + identity.nick());
		}
		return claimNick(session, nick);
	}

	/**
	 * Give a client a nick, unique over the cluster.
	 * @return the reply: {@code you are now NICK}, or why not
	 */
	Event claimNick(ClientSession session, String nick) {
		return switch (changeNick(session, nick)) {
			case CHANGED -> Event.info("you are now " + nick);
			case INVALID -> Event.failure("usage: /nick NAME (" + Nicks.RULES + ")");
			case RESERVED -> Event.failure("nick " + ChatCommands.echoed(nick) + " is reserved"
					+ (Nicks.isServiceForm(nick)
							? ": names starting with [ are for services (the publish API shows its senders as [name])"
							: ""));
			case BANNED -> Event.failure("nick " + nick + " is banned");
			case TAKEN -> Event.failure("nick " + nick + " is taken");
			case UNAVAILABLE -> Event.failure("nicks cannot change while the cluster is unreachable, try again later");
			case GIVEN_BY_TOKEN -> Event.failure("your token gives you the nick " + session.identity().nick());
		};
	}

	/**
	 * Give a client a nick, unique over the cluster, unless its token gives it one.
	 */
	NickChange requestNick(ClientSession session, String nick) {
		Identity identity = session.identity();
		return (identity != null && identity.nick() != null && !identity.nick().equals(nick))
				? NickChange.GIVEN_BY_TOKEN : changeNick(session, nick);
	}

	private NickChange changeNick(ClientSession session, String nick) {
		if (!Nicks.isValid(nick)) {
			return NickChange.INVALID;
		}
		if (Nicks.isReserved(nick)) {
			return NickChange.RESERVED;
		}
		if (this.bans.matching(null, nick, null) != null) {
			return NickChange.BANNED;
		}
		String previous = session.nick();
		String shownAs = session.from();
		switch (this.cluster.claimNick(session, nick)) {
			case TAKEN -> {
				return NickChange.TAKEN;
			}
			case UNAVAILABLE -> {
				return NickChange.UNAVAILABLE;
			}
			case CLAIMED -> {
			}
		}
		if (!this.registry.claimNick(session, nick)) {
			this.cluster.releaseNick(session, nick);
			return NickChange.TAKEN;
		}
		if (previous != null && !previous.equalsIgnoreCase(nick)) {
			this.cluster.releaseNick(session, previous);
		}
		this.cluster.updated(session);
		if (!nick.equals(shownAs)) {
			this.entry.renamed(session, shownAs);
		}
		return NickChange.CHANGED;
	}

	/**
	 * {@code /join ROOM [since=ID]}.
	 */
	private @Nullable Event join(ClientSession session, String argument) {
		int space = argument.indexOf(' ');
		String room = RoomNames.canonical((space < 0) ? argument : argument.substring(0, space));
		String option = (space < 0) ? "" : argument.substring(space + 1).strip();
		if (!NAME.matcher(room).matches() || !(option.isEmpty() || option.startsWith("since="))) {
			return Event.failure("usage: /join ROOM [since=ID] (ROOM: 1-32 of A-Z a-z 0-9 _ . -)");
		}
		String since = option.isEmpty() ? null : option.substring(6);
		return session.dialect().multiRoom() ? this.entry.join(session, room, since)
				: this.entry.moveTo(session, room, since);
	}

	/**
	 * {@code /part [ROOM]}: leave a room (the one the line is about if none is named).
	 */
	private Event part(ClientSession session, String argument, String room) {
		if (!session.dialect().multiRoom()) {
			return Event.failure("/part needs several rooms (switchboard.line.multi-room is off): /join another room");
		}
		String leaving = argument.isEmpty() ? room : RoomNames.canonical(argument);
		if (!NAME.matcher(leaving).matches()) {
			return Event.failure("usage: /part [ROOM]");
		}
		return this.entry.part(session, leaving);
	}

	/**
	 * {@code /history [N]}.
	 */
	private @Nullable Event history(ClientSession session, String room, String argument) {
		int count;
		try {
			count = argument.isEmpty() ? DEFAULT_HISTORY : Integer.parseInt(argument);
		}
		catch (NumberFormatException ex) {
			count = -1;
		}
		return this.entry.history(session, room, count);
	}

	/**
	 * Every room with members and how many, by name: on every node if the cluster's
	 * directory answers, else here.
	 */
	Map<String, Integer> roomCounts() {
		Map<String, Integer> counts = this.cluster.rooms();
		return (counts != null) ? counts : this.rooms.counts();
	}

	/**
	 * Who is in a room, in order of arrival: on every node if the cluster's directory
	 * answers, else here.
	 */
	List<String> memberNames(String room) {
		List<String> everywhere = this.cluster.who(room);
		if (everywhere != null) {
			return everywhere;
		}
		return this.rooms.members(room)
			.stream()
			.sorted(Comparator.comparing(ClientSession::connectedAt).thenComparing(ClientSession::id))
			.map(ClientSession::from)
			.toList();
	}

	private Event rooms() {
		Map<String, Integer> counts = roomCounts();
		return Event.info("rooms: " + bounded(
				counts.entrySet()
					.stream()
					.map((room) -> room.getKey() + " (" + room.getValue() + ")" + this.topic.listed(room.getKey())),
				counts.size()));
	}

	private Event who(String room) {
		List<String> members = memberNames(room);
		return Event.info("in " + room + ": " + bounded(members.stream(), members.size()));
	}

	/**
	 * The first {@code switchboard.max-list-entries} entries in their order, then how
	 * many were left out: a list reply stays a few KiB however many rooms or members
	 * there are (one line of 50,000 rooms overflowed the caller's outbox).
	 */
	private String bounded(Stream<String> entries, int total) {
		String listed = entries.limit(this.maxListEntries).collect(Collectors.joining(", "));
		int more = total - this.maxListEntries;
		return (more > 0) ? listed + ", \u2026 and " + more + " more" : listed;
	}

}
