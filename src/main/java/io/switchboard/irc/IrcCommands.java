package io.switchboard.irc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.switchboard.client.ClientSession;
import io.switchboard.client.Event;
import io.switchboard.hub.ChatActions;
import io.switchboard.hub.NickChange;
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

	IrcCommands(IrcServer server) {
		this.server = server;
		this.queries = new IrcQueries(server);
	}

	void run(IrcConnection connection, ClientSession session, IrcMessage message, long receivedNanos) {
		switch (message.command()) {
			case "PRIVMSG" -> message(connection, session, message, receivedNanos, true);
			case "NOTICE" -> message(connection, session, message, receivedNanos, false);
			case "JOIN" -> join(connection, session, message);
			case "PART" -> part(connection, session, message);
			case "NAMES" -> this.queries.names(connection, message.param(0));
			case "TOPIC" -> topic(connection, session, message);
			case "WHO" -> this.queries.who(connection, message.param(0));
			case "WHOIS" -> this.queries.whois(connection, message.param((message.size() > 1) ? 1 : 0));
			case "LIST" -> this.queries.list(connection);
			case "MODE" -> this.queries.mode(connection, session, message);
			case "AWAY" -> away(connection, message.param(0));
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
		for (String target : targets) {
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

	private void privately(IrcConnection connection, ClientSession session, String nick, String text,
			long receivedNanos, boolean privmsg, boolean echo) {
		String me = connection.nickOrStar();
		if (nick.equalsIgnoreCase(me)) {
			// To oneself: the protocol allows it; the hub's private messages do not.
			connection.send(":" + connection.directory().mask(me) + " " + (privmsg ? "PRIVMSG" : "NOTICE") + " " + me
					+ " :" + text);
			return;
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

	private void join(IrcConnection connection, ClientSession session, IrcMessage message) {
		String me = connection.nickOrStar();
		if (message.size() == 0 || message.param(0).isEmpty()) {
			connection.reply("461 " + me + " JOIN :Not enough parameters");
			return;
		}
		if (message.param(0).equals("0")) {
			for (String room : session.membership().all()) {
				leave(connection, session, room, "Left all channels");
			}
			return;
		}
		for (String channel : message.param(0).split(",")) {
			String room = room(channel);
			if (room == null) {
				connection.reply("403 " + me + " " + channel + " :No such channel");
				continue;
			}
			if (session.membership().contains(room)) {
				continue; // already there: nothing happens
			}
			Event refused = this.server.actions().join(session, room);
			if (refused == null) {
				this.queries.names(connection, "#" + room);
				continue;
			}
			String why = refusedText(refused);
			if (why.contains("is full")) {
				connection.reply("471 " + me + " #" + room + " :Cannot join channel (+l)");
			}
			else if (why.startsWith("you may not join")) {
				connection.reply("473 " + me + " #" + room + " :Cannot join channel (+i)");
			}
			else if (why.contains("the most allowed")) {
				connection.reply("405 " + me + " #" + room + " :You have joined too many channels");
			}
			else {
				connection.reply("403 " + me + " #" + room + " :" + why);
			}
		}
	}

	private void part(IrcConnection connection, ClientSession session, IrcMessage message) {
		String me = connection.nickOrStar();
		if (message.size() == 0 || message.param(0).isEmpty()) {
			connection.reply("461 " + me + " PART :Not enough parameters");
			return;
		}
		for (String channel : message.param(0).split(",")) {
			String room = room(channel);
			if (room == null) {
				connection.reply("403 " + me + " " + channel + " :No such channel");
			}
			else if (!session.membership().contains(room)) {
				connection.reply("442 " + me + " " + channel + " :You're not on that channel");
			}
			else {
				leave(connection, session, room, message.param(1));
			}
		}
	}

	private void leave(IrcConnection connection, ClientSession session, String room, String reason) {
		Event reply = this.server.actions().part(session, room, reason);
		if (reply instanceof Event.Failure failure) {
			connection.notice(failure.text());
			return;
		}
		connection.send(":" + connection.directory().mask(connection.nickOrStar()) + " PART #" + room
				+ (reason.isEmpty() ? "" : " :" + reason));
	}

	private void topic(IrcConnection connection, ClientSession session, IrcMessage message) {
		String me = connection.nickOrStar();
		String channel = message.param(0);
		String room = room(channel);
		if (message.size() == 0 || channel.isEmpty()) {
			connection.reply("461 " + me + " TOPIC :Not enough parameters");
			return;
		}
		if (room == null) {
			connection.reply("403 " + me + " " + channel + " :No such channel");
			return;
		}
		if (!session.membership().contains(room) && !this.server.actions().rooms().containsKey(room)) {
			connection.reply("403 " + me + " " + channel + " :No such channel");
			return;
		}
		if (message.size() < 2) {
			Event.Topic topic = this.server.actions().topic(room);
			if (topic == null || topic.text().isEmpty()) {
				connection.reply("331 " + me + " #" + room + " :No topic is set");
			}
			else {
				connection.reply("332 " + me + " #" + room + " :" + topic.text());
			}
			return;
		}
		Event refused = this.server.actions().setTopic(session, room, message.param(1));
		if (refused == null) {
			return; // the change comes back as TOPIC, to every member
		}
		String why = refusedText(refused);
		if (why.startsWith("you are not in room")) {
			connection.reply("442 " + me + " #" + room + " :You're not on that channel");
		}
		else if (why.contains("read-only")) {
			connection.reply("482 " + me + " #" + room + " :You're not channel operator");
		}
		else {
			connection.notice(why);
		}
	}

	private void away(IrcConnection connection, String message) {
		String me = connection.nickOrStar();
		if (message.isEmpty()) {
			connection.away(null);
			connection.reply("305 " + me + " :You are no longer marked as being away");
		}
		else {
			connection.away((message.length() > AWAY_LENGTH) ? message.substring(0, AWAY_LENGTH) : message);
			connection.reply("306 " + me + " :You have been marked as being away");
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
		String room = channel.substring(1).toLowerCase(Locale.ROOT);
		return ChatActions.isRoomName(room) ? room : null;
	}

	private static String refusedText(Event refused) {
		return (refused instanceof Event.Failure failure) ? failure.text() : refused.toString();
	}

}
