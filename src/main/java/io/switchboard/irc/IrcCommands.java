package io.switchboard.irc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.switchboard.core.ClientSession;
import io.switchboard.core.Event;
import io.switchboard.core.ChatHub;
import io.switchboard.core.NickChange;
import org.jspecify.annotations.Nullable;

/**
 * A registered IRC client's commands, each answered with the numerics the modern IRC
 * documentation gives. Rooms are channels: room {@code lobby} is {@code #lobby}; channel
 * names are taken in lower case, as room names compare here ({@code CASEMAPPING=ascii}).
 */
final class IrcCommands {

	static final int MAX_TARGETS = 4;

	static final int AWAY_LENGTH = 300;

	private final IrcServer server;

	private final IrcQueries queries;

	private final IrcChannels channels;

	IrcCommands(IrcServer server) {
		this.server = server;
		this.queries = new IrcQueries(server);
		this.channels = new IrcChannels(server, this.queries);
	}

	void run(IrcConnection connection, ClientSession session, IrcMessage message, long receivedNanos) {
		switch (message.command()) {
			case "PRIVMSG" -> message(connection, session, message, receivedNanos, true);
			case "NOTICE" -> message(connection, session, message, receivedNanos, false);
			case "JOIN" -> this.channels.join(connection, session, message);
			case "PART" -> this.channels.part(connection, session, message);
			case "NAMES" -> this.queries.names(connection, session, message.param(0));
			case "TOPIC" -> this.channels.topic(connection, session, message);
			case "KICK" -> this.channels.kick(connection, session, message);
			case "CHATHISTORY" -> this.server.history().run(connection, session, message);
			case "WHO" -> this.queries.who(connection, session, message.param(0));
			case "WHOIS" -> this.queries.whois(connection, session, message.param((message.size() > 1) ? 1 : 0));
			case "LIST" -> this.queries.list(connection, session);
			case "MODE" -> this.queries.mode(connection, session, message);
			case "AWAY" -> away(connection, session, message.param(0));
			case "NICK" -> nick(connection, session, message.param(0));
			case "MOTD" -> this.server.motd(connection);
			case "USERHOST" -> this.queries.userhost(connection, message);
			case "LUSERS" -> this.server.lusers(connection);
			case "PING" -> connection.pong(message);
			case "PONG" -> {
			}
			case "CAP" -> connection.cap(message);
			case "QUIT" -> connection.quit(session, message.param(0));
			case "USER", "PASS" -> connection.reply("462 " + connection.nickOrStar() + " :You may not reregister");
			default ->
				connection.reply("421 " + connection.nickOrStar() + " " + message.command() + " :Unknown command");
		}
	}

	/**
	 * PRIVMSG and NOTICE, to channels and nicks. A NOTICE is never answered with an
	 * error, as the protocol asks (two bots must not loop); to a channel it goes out as
	 * the room's chat line, the only kind a room has.
	 */
	private void message(IrcConnection connection, ClientSession session, IrcMessage message, long receivedNanos,
			boolean privmsg) {
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
				cost = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			}
			else if (!this.server.actions().admitAgain(session, cost)) {
				return; // flood control: told (NOTICE), or closed for flooding
			}
			if (target.startsWith("#")) {
				String room = room(target);
				Event refused = (room == null) ? Event.failure("no such channel")
						: this.server.actions().say(session, room, text, receivedNanos, echo, !privmsg);
				if (refused != null && privmsg) {
					connection.reply(((room == null) ? "403 " : "404 ") + me + " " + target + " :" + ((room == null)
							? "No such channel" : "Cannot send to channel (" + refusedText(refused) + ")"));
				}
			}
			else {
				privately(connection, session, target, text, receivedNanos, privmsg, echo);
			}
		}
	}

	/**
	 * The targets once each, in their order: {@code #lobby,#Lobby} is one room,
	 * {@code bob,BOB} one nick.
	 */
	private static java.util.Collection<String> distinct(String[] targets) {
		Map<String, String> distinct = new java.util.LinkedHashMap<>();
		for (String target : targets) {
			String room = room(target);
			distinct.putIfAbsent((room != null) ? "#" + room : IrcDirectory.key(target), target);
		}
		return distinct.values();
	}

	private void privately(IrcConnection connection, ClientSession session, String nick, String text,
			long receivedNanos, boolean privmsg, boolean echo) {
		String me = connection.nickOrStar();
		if (nick.equalsIgnoreCase(me)) {
			// To oneself: the protocol allows it; the hub's private messages do not.
			connection.send(":" + connection.directory().mask(me) + " " + (privmsg ? "PRIVMSG" : "NOTICE") + " " + me
					+ " :" + text);
			return;
		}
		IrcConnection addressee = connection.directory().find(nick);
		if (addressee != null && addressee.refusesCtcp() && text.startsWith("\u0001")
				&& !text.startsWith("\u0001ACTION")) {
			return; // +T: dropped, as a line to a user who is not there would be
		}
		Event reply = this.server.actions().privateMessage(session, nick, text, receivedNanos);
		if (reply instanceof Event.Failure failure) {
			if (privmsg) {
				connection.reply(failure.text().startsWith("no such nick") ? "401 " + me + " " + nick + " :No such nick"
						: "NOTICE " + me + " :" + failure.text());
			}
			return;
		}
		if (echo && reply != null) {
			connection.send(reply);
		}
		IrcConnection receiver = connection.directory().find(nick);
		String away = (receiver != null) ? receiver.away() : null;
		if (privmsg && away != null) {
			connection.reply("301 " + me + " " + nick + " :" + away);
		}
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
		java.util.Set<IrcConnection> told = new java.util.HashSet<>();
		for (String room : session.membership().all()) {
			for (String member : this.server.actions().members(room)) {
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
		NickChange change = this.server.actions().nick(session, wanted);
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
		String room = io.switchboard.core.RoomNames.canonical(channel.substring(1));
		return ChatHub.isRoomName(room) ? room : null;
	}

	static String refusedText(Event refused) {
		return (refused instanceof Event.Failure failure) ? failure.text() : refused.toString();
	}

}
