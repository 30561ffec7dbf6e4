package io.switchboard.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What the slash commands do ({@link LineCommands} holds them as a table and checks each
 * line before it gets here), and the nick, room and member look-ups other doors share.
 * Replies go only to the caller: information or an error event.
 */
final class ChatCommands implements LineHandlers {

	/** Nick and room names: 1-32 of A-Z a-z 0-9 _ . - */
	static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,32}";

	private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

	/** The reply to {@code /join} without a valid room. */
	static final String JOIN_USAGE = "usage: /join ROOM [since=ID] (ROOM: 1-32 of A-Z a-z 0-9 _ . -)";

	private static final Event BYE = Event.info("bye");

	private static final int MAX_ECHOED_CHARS = 40;

	private final RoomEntry entry;

	private final Rooms rooms;

	private final ClientRegistry registry;

	private final ClusterBridge cluster;

	private final int maxListEntries;

	private final PrivateMessages privateMessages;

	private final TopicCommand topic;

	private final Moderation moderation;

	private final Bans bans;

	private final LineCommands lineCommands;

	private final RoomSpeech speech;

	ChatCommands(RoomEntry entry, Rooms rooms, ClientRegistry registry, ClusterBridge cluster, int maxListEntries,
			PrivateMessages privateMessages, TopicCommand topic, Moderation moderation, Bans bans, RoomSpeech speech) {
		this.speech = speech;
		this.moderation = moderation;
		this.bans = bans;
		this.privateMessages = privateMessages;
		this.topic = topic;
		this.cluster = cluster;
		this.maxListEntries = maxListEntries;
		this.entry = entry;
		this.rooms = rooms;
		this.registry = registry;
		this.lineCommands = new LineCommands(this);
	}

	/**
	 * The line protocol's commands, with these as their handlers.
	 */
	LineCommands lineCommands() {
		return this.lineCommands;
	}

	@Override
	public @Nullable Event privateMessage(LineCall call) {
		return this.privateMessages.send(call.session(), call.argument(), call.receivedNanos());
	}

	/**
	 * {@code /me waves}: an action in the room the line is about, one event that every
	 * door renders its own way.
	 */
	@Override
	public @Nullable Event action(LineCall call) {
		return this.speech.say(call.session(), call.room(), call.argument(), call.receivedNanos(),
				Event.Chat.Kind.ACTION);
	}

	@Override
	public @Nullable Event topic(LineCall call) {
		return this.topic.run(call.session(), call.room(), call.argument());
	}

	/**
	 * {@code /quit}, or {@code quit}: the client leaves, told {@code bye}.
	 */
	@Override
	public @Nullable Event quit(LineCall call) {
		if (!call.alone()) {
			// Only the word alone has ever quit: "/quit now" is no command.
			return LineCommands.unknown(call.word());
		}
		call.session().close(CloseReason.QUIT, BYE);
		return null;
	}

	@Override
	public @Nullable Event kick(LineCall call) {
		return this.moderation.kick(call.session(), call.argument(), call.room());
	}

	@Override
	public Event ban(LineCall call) {
		return this.moderation.ban(call.session(), call.argument());
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

	@Override
	public Event nick(LineCall call) {
		ClientSession session = call.session();
		String nick = call.argument().strip();
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
			case CHANGED -> new Event.Info("you are now " + nick, new Event.Reply.Nick(nick));
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
	@Override
	public @Nullable Event join(LineCall call) {
		ClientSession session = call.session();
		String argument = call.argument().strip();
		int space = argument.indexOf(' ');
		String room = RoomNames.canonical((space < 0) ? argument : argument.substring(0, space));
		String option = (space < 0) ? "" : argument.substring(space + 1).strip();
		if (!NAME.matcher(room).matches() || !(option.isEmpty() || option.startsWith("since="))) {
			return Event.failure(JOIN_USAGE);
		}
		String since = option.isEmpty() ? null : option.substring(6);
		return session.dialect().multiRoom() ? this.entry.join(session, room, since)
				: this.entry.moveTo(session, room, since);
	}

	/**
	 * {@code /part [ROOM]}: leave a room (the one the line is about if none is named).
	 */
	@Override
	public Event part(LineCall call) {
		ClientSession session = call.session();
		String argument = call.argument().strip();
		String room = call.room();
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
	@Override
	public @Nullable Event history(LineCall call) {
		String argument = call.argument().strip();
		Integer count;
		try {
			count = argument.isEmpty() ? null : Integer.parseInt(argument);
		}
		catch (NumberFormatException ex) {
			count = -1;
		}
		return this.entry.history(call.session(), call.room(), count);
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

	@Override
	public Event rooms(LineCall call) {
		Map<String, Integer> counts = roomCounts();
		List<Event.Reply.Room> rooms = counts.entrySet()
			.stream()
			.limit(this.maxListEntries)
			.map((room) -> new Event.Reply.Room(room.getKey(), room.getValue(), this.topic.text(room.getKey())))
			.toList();
		int more = counts.size() - rooms.size();
		String text = listed(rooms.stream()
			.map((room) -> room.name() + " (" + room.members() + ")"
					+ (room.topic().isEmpty() ? "" : " \"" + room.topic() + "\"")),
				more);
		return new Event.Info("rooms: " + text, new Event.Reply.Rooms(rooms, more));
	}

	@Override
	public Event who(LineCall call) {
		String room = call.room();
		List<String> members = memberNames(room);
		List<String> listed = members.stream().limit(this.maxListEntries).toList();
		int more = members.size() - listed.size();
		return new Event.Info("in " + room + ": " + listed(listed.stream(), more),
				new Event.Reply.Members(room, listed, more));
	}

	/**
	 * A list reply's entries (the first {@code switchboard.max-list-entries}), then how
	 * many were left out: it stays a few KiB however many rooms or members there are (one
	 * line of 50,000 rooms overflowed the caller's outbox).
	 */
	private static String listed(Stream<String> entries, int more) {
		String listed = entries.collect(Collectors.joining(", "));
		return (more > 0) ? listed + ", \u2026 and " + more + " more" : listed;
	}

}
