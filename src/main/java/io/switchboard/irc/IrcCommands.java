package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.Event;
import io.switchboard.core.NickChange;
import io.switchboard.core.RoomNames;
import org.jspecify.annotations.Nullable;

/**
 * A registered IRC client's commands, each answered with the numerics the modern IRC
 * documentation gives. Rooms are channels: room {@code lobby} is {@code #lobby}; channel
 * names are taken in lower case, as room names compare here ({@code CASEMAPPING=ascii}).
 */
final class IrcCommands {

	static final int MAX_TARGETS = 4;

	static final int AWAY_LENGTH = 300;

	/**
	 * The commands of a registered client. {@code AUTHENTICATE} is not one: SASL is over
	 * once registered, and the word is unknown ({@code 421}).
	 */
	static final IrcCommandTable<IrcCommands> TABLE = new IrcCommandTable<>(
			(me, command) -> "421 " + me + " " + command + " :Unknown command",
			List.of(IrcCommand.of("PRIVMSG", (commands, call) -> commands.message(call, true)),
					IrcCommand.of("NOTICE", (commands, call) -> commands.message(call, false)),
					IrcCommand.needing("TAGMSG", 1, List.of(0), (commands, call) -> commands.tagMessages.send(call)),
					IrcCommand.needing("JOIN", 1, List.of(0), (commands, call) -> commands.channels.join(call)),
					IrcCommand.needing("PART", 1, List.of(0), (commands, call) -> commands.channels.part(call)),
					IrcCommand.of("NAMES",
							(commands, call) -> commands.queries.names(call.connection(), call.session(),
									call.message().param(0))),
					IrcCommand.needing("TOPIC", 1, List.of(0), (commands, call) -> commands.channels.topic(call)),
					IrcCommand.needing("KICK", 2, List.of(), (commands, call) -> commands.channels.kick(call)),
					IrcCommand.needing("INVITE", 2, List.of(0, 1), (commands, call) -> commands.channels.invite(call)),
					IrcCommand.of("CHATHISTORY",
							(commands, call) -> commands.server.history()
								.run(call.connection(), call.session(), call.message())),
					IrcCommand.of("WHO",
							(commands, call) -> commands.queries.who(call.connection(), call.session(),
									call.message().param(0))),
					IrcCommand.of("WHOIS",
							(commands, call) -> commands.queries.whois(call.connection(), call.session(),
									call.message().param((call.message().size() > 1) ? 1 : 0))),
					IrcCommand.of("LIST", (commands, call) -> commands.queries.list(call.connection(), call.session())),
					IrcCommand.needing("MODE", 1, List.of(0), (commands, call) -> commands.modes.mode(call)),
					IrcCommand.needing("OPER", 2, List.of(), (commands, call) -> commands.operators.oper(call)),
					IrcCommand.needing("KILL", 1, List.of(0), (commands, call) -> commands.operators.kill(call)),
					IrcCommand.needing("WALLOPS", 1, List.of(0), (commands, call) -> commands.operators.wallops(call)),
					IrcCommand.of("AWAY",
							(commands, call) -> commands.away(call.connection(), call.session(),
									call.message().param(0))),
					IrcCommand.of("NICK",
							(commands, call) -> commands.nick(call.connection(), call.session(),
									call.message().param(0))),
					IrcCommand.of("MOTD", (commands, call) -> commands.server.motd(call.connection())),
					IrcCommand.needing("USERHOST", 1, List.of(),
							(commands, call) -> commands.queries.userhost(call.connection(), call.message())),
					IrcCommand.of("LUSERS", (commands, call) -> commands.server.lusers(call.connection())),
					IrcCommand.needing("PING", 1, List.of(),
							(commands, call) -> call.connection().pong(call.message())),
					IrcCommand.ignored("PONG"),
					IrcCommand.of("CAP", (commands, call) -> call.connection().cap(call.message())),
					IrcCommand.of("QUIT",
							(commands, call) -> call.connection().quit(call.session(), call.message().param(0))),
					IrcCommand.of("USER", IrcCommands::reregister), IrcCommand.of("PASS", IrcCommands::reregister)));

	private final IrcServer server;

	private final IrcQueries queries;

	private final IrcChannels channels;

	private final IrcModes modes;

	private final IrcOperatorCommands operators;

	private final IrcTagMessages tagMessages;

	IrcCommands(IrcServer server) {
		this.tagMessages = new IrcTagMessages(server);
		this.server = server;
		this.queries = new IrcQueries(server);
		this.channels = new IrcChannels(server, this.queries);
		this.modes = new IrcModes(server);
		this.operators = new IrcOperatorCommands(server);
	}

	/**
	 * Run a registered client's command, once {@link #TABLE}'s checks have passed.
	 */
	void run(IrcConnection connection, ClientSession session, IrcMessage message, long receivedNanos) {
		TABLE.run(this, new IrcCall(connection, session, message, receivedNanos));
	}

	/**
	 * PRIVMSG and NOTICE, to channels and nicks. A NOTICE is never answered with an
	 * error, as the protocol asks (two bots must not loop); to a channel it goes out as
	 * the room's chat line, the only kind a room has.
	 */
	private void message(IrcCall call, boolean privmsg) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		IrcMessage message = call.message();
		long receivedNanos = call.receivedNanos();
		String me = connection.nickOrStar();
		if (message.size() == 0 || message.param(0).isEmpty()) {
			if (privmsg) {
				connection.reply("411 " + me + " :No recipient given (" + message.command() + ")");
			}
			return;
		}
		String text = message.param(1);
		if (message.size() < 2 || text.isEmpty()) {
			if (privmsg) {
				connection.reply("412 " + me + " :No text to send");
			}
			return;
		}
		String[] targets = message.param(0).split(",");
		if (targets.length > MAX_TARGETS) {
			if (privmsg) {
				connection.reply("407 " + me + " " + message.param(0) + " :Too many recipients");
			}
			return;
		}
		boolean echo = connection.has("echo-message");
		// The first target's cost was taken with the line; each other costs flood control
		// a message as well, as if sent alone: PRIVMSG #a,#b is two lines' worth.
		byte[] cost = null;
		for (String target : distinct(targets)) {
			if (cost == null) {
				cost = text.getBytes(StandardCharsets.UTF_8);
			}
			else if (!this.server.hub().admitAgain(session, cost)) {
				return; // flood control: told (NOTICE), or closed for flooding
			}
			String action = privmsg ? IrcLines.ctcpAction(text) : null;
			if (target.startsWith("#")) {
				String room = room(target);
				Event refused = (room == null) ? Event.failure("no such channel") : this.server.hub()
					.say(session, room, (action != null) ? action : text, receivedNanos, echo, (action != null)
							? Event.Chat.Kind.ACTION : privmsg ? Event.Chat.Kind.SAY : Event.Chat.Kind.NOTICE,
							message.clientTags());
				if (refused != null && privmsg) {
					connection.reply(((room == null) ? "403 " : "404 ") + me + " " + target + " :" + ((room == null)
							? "No such channel" : "Cannot send to channel (" + refusedText(refused) + ")"));
				}
			}
			else {
				privately(connection, session, target, text, message.clientTags(), receivedNanos, privmsg, echo);
			}
		}
	}

	/**
	 * The targets once each, in their order: {@code #lobby,#Lobby} is one room,
	 * {@code bob,BOB} one nick.
	 */
	static Collection<String> distinct(String[] targets) {
		Map<String, String> distinct = new LinkedHashMap<>();
		for (String target : targets) {
			String room = room(target);
			distinct.putIfAbsent((room != null) ? "#" + room : IrcDirectory.key(target), target);
		}
		return distinct.values();
	}

	private void privately(IrcConnection connection, ClientSession session, String nick, String text, String clientTags,
			long receivedNanos, boolean privmsg, boolean echo) {
		String me = connection.nickOrStar();
		if (nick.equalsIgnoreCase(me)) {
			// To oneself: the protocol allows it; the hub's private messages do not.
			connection.send(":" + connection.directory().mask(me) + " " + (privmsg ? "PRIVMSG" : "NOTICE") + " " + me
					+ " :" + text);
			return;
		}
		IrcConnection addressee = connection.directory().find(nick);
		if (addressee != null && addressee.modes().refusesCtcp() && text.startsWith("\u0001")
				&& !text.startsWith("\u0001ACTION")) {
			return; // +T: dropped, as a line to a user who is not there would be
		}
		String action = privmsg ? IrcLines.ctcpAction(text) : null;
		Event reply = this.server.hub()
			.privateMessage(session, nick, (action != null) ? action : text, receivedNanos, action != null, clientTags);
		if (reply instanceof Event.Failure failure) {
			if (privmsg) {
				connection.reply(failure.text().startsWith("no such nick") ? "401 " + me + " " + nick + " :No such nick"
						: "NOTICE " + me + " :" + failure.text());
			}
			return;
		}
		if (echo && reply != null) {
			connection.send(reply); // recorded as a conversation when rendered
		}
		else {
			connection.conversations().record(nick, Instant.now());
		}
		IrcConnection receiver = connection.directory().find(nick);
		String away = (receiver != null) ? receiver.away() : null;
		if (privmsg && away != null) {
			connection.reply("301 " + me + " " + nick + " :" + away);
		}
	}

	/**
	 * {@code USER} or {@code PASS} once registered.
	 */
	private void reregister(IrcCall call) {
		call.connection().reply("462 " + call.me() + " :You may not reregister");
	}

	private void away(IrcConnection connection, ClientSession session, String message) {
		String me = connection.nickOrStar();
		String away = message.isEmpty() ? null
				: (message.length() > AWAY_LENGTH) ? message.substring(0, AWAY_LENGTH) : message;
		connection.away(away);
		connection.reply((away == null) ? "305 " + me + " :You are no longer marked as being away"
				: "306 " + me + " :You have been marked as being away");
		// away-notify: IRC clients of this node that share a channel and asked for it,
		// each told once.
		String line = ":" + connection.directory().mask(me) + " AWAY" + ((away != null) ? " :" + away : "");
		Set<IrcConnection> told = new HashSet<>();
		for (String room : session.membership().all()) {
			for (String member : this.server.hub().members(room)) {
				IrcConnection other = connection.directory().find(member);
				if (other != null && other != connection && other.has("away-notify") && told.add(other)) {
					other.send(line);
				}
			}
		}
	}

	private void nick(IrcConnection connection, ClientSession session, String wanted) {
		String me = connection.nickOrStar();
		if (wanted.isEmpty()) {
			connection.reply("431 " + me + " :No nickname given");
			return;
		}
		if (wanted.equals(me)) {
			return;
		}
		String before = connection.directory().mask(me);
		NickChange change = this.server.hub().nick(session, wanted);
		switch (change) {
			case CHANGED -> {
				connection.renamed(wanted);
				connection.send(":" + before + " NICK :" + wanted);
			}
			case TAKEN, UNAVAILABLE -> connection.reply("433 " + me + " " + wanted + " :Nickname is already in use");
			case INVALID, RESERVED, BANNED -> connection.reply("432 " + me + " " + wanted + " :Erroneous nickname");
			case GIVEN_BY_TOKEN -> connection.reply("432 " + me + " " + wanted + " :Your token gives you your nick");
		}
	}

	/**
	 * The room a channel name stands for: {@code #Lobby} is room {@code lobby}; null if
	 * it is no channel or names no valid room.
	 */
	static @Nullable String room(String channel) {
		if (!channel.startsWith("#") || channel.length() < 2) {
			return null;
		}
		String room = RoomNames.canonical(channel.substring(1));
		return ChatHub.isRoomName(room) ? room : null;
	}

	static String refusedText(Event refused) {
		return (refused instanceof Event.Failure failure) ? failure.text() : refused.toString();
	}

}
