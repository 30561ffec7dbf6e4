package io.switchboard.irc;

import io.switchboard.core.ClientSession;
import io.switchboard.core.Event;

/**
 * The IRC commands that act on channels: {@code JOIN} (several, and {@code JOIN 0}),
 * {@code PART}, {@code TOPIC} and {@code KICK}, on the rooms every door shares. Their
 * parameters were counted before they got here ({@link IrcCommands#TABLE}).
 */
final class IrcChannels {

	/** {@code TARGMAX=KICK:}: the most nicks one {@code KICK} takes out. */
	static final int MAX_KICKS = 4;

	private final IrcServer server;

	private final IrcQueries queries;

	IrcChannels(IrcServer server, IrcQueries queries) {
		this.server = server;
		this.queries = queries;
	}

	void join(IrcCall call) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		IrcMessage message = call.message();
		String me = connection.nickOrStar();
		if (message.param(0).equals("0")) {
			for (String room : session.membership().all()) {
				leave(connection, session, room, "Left all channels");
			}
			return;
		}
		String[] channels = message.param(0).split(",");
		String[] keys = message.param(1).split(",");
		for (int i = 0; i < channels.length; i++) {
			String channel = channels[i];
			String key = (i < keys.length && !keys[i].isEmpty()) ? keys[i] : null;
			String room = IrcCommands.room(channel);
			if (room == null) {
				connection.reply("403 " + me + " " + channel + " :No such channel");
				continue;
			}
			if (session.membership().contains(room)) {
				continue; // already there: nothing happens
			}
			// Before the join: whoever quits in the new channel from now on is news.
			connection.departures().joined();
			Event refused = this.server.hub().join(session, room, key);
			if (refused == null) {
				this.queries.names(connection, session, "#" + room);
				continue;
			}
			String why = IrcCommands.refusedText(refused);
			if (why.endsWith("(+b)")) {
				connection.reply("474 " + me + " #" + room + " :Cannot join channel (+b)");
			}
			else if (why.endsWith("(+k)")) {
				connection.reply("475 " + me + " #" + room + " :Cannot join channel (+k)");
			}
			else if (why.contains("is full")) {
				connection.reply("471 " + me + " #" + room + " :Cannot join channel (+l)");
			}
			else if (why.startsWith("you may not join") || why.endsWith("(+i)")) {
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

	void part(IrcCall call) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		IrcMessage message = call.message();
		String me = connection.nickOrStar();
		for (String channel : message.param(0).split(",")) {
			String room = IrcCommands.room(channel);
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
		Event reply = this.server.hub().part(session, room, reason);
		if (reply instanceof Event.Failure failure) {
			connection.notice(failure.text());
			return;
		}
		connection.send(":" + connection.directory().mask(connection.nickOrStar()) + " PART #" + room
				+ (reason.isEmpty() ? "" : " :" + reason));
	}

	void topic(IrcCall call) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		IrcMessage message = call.message();
		String me = connection.nickOrStar();
		String channel = message.param(0);
		String room = IrcCommands.room(channel);
		if (room == null) {
			connection.reply("403 " + me + " " + channel + " :No such channel");
			return;
		}
		if (!session.membership().contains(room)
				&& (!this.server.hub().roomCounts().containsKey(room) || !this.queries.visible(session, room))) {
			// No room, or one the client may not join (token rooms): a secret channel's
			// answer to someone not on it.
			connection.reply("403 " + me + " " + channel + " :No such channel");
			return;
		}
		if (message.size() < 2) {
			Event.Topic topic = this.server.hub().topic(room);
			if (topic == null || topic.text().isEmpty()) {
				connection.reply("331 " + me + " #" + room + " :No topic is set");
			}
			else {
				connection.reply("332 " + me + " #" + room + " :" + IrcLines.topic(topic.text()));
				String whoTime = this.server.topicWhoTime(me, room);
				if (whoTime != null) {
					connection.reply(whoTime);
				}
			}
			return;
		}
		Event refused = this.server.hub().setTopic(session, room, message.param(1));
		if (refused == null) {
			return; // the change comes back as TOPIC, to every member
		}
		String why = IrcCommands.refusedText(refused);
		if (why.startsWith("you are not in room")) {
			connection.reply("442 " + me + " #" + room + " :You're not on that channel");
		}
		else if (why.contains("read-only") || why.endsWith("(+t)")) {
			connection.reply("482 " + me + " #" + room + " :You're not channel operator");
		}
		else {
			connection.notice(why);
		}
	}

	/**
	 * {@code KICK #channel nick[,nick] [:reason]} (or {@code KICK #a,#b nick1,nick2}, in
	 * pairs), at most {@value #MAX_KICKS} nicks, the rest dropped as {@code TARGMAX}
	 * allows: by the channel's operators (whoever made it, {@code +o}) and server
	 * operators, who need not be in it. The whole channel, the kicked client too, sees
	 * {@code KICK}; the kicked client stays connected (on the line doors a client in one
	 * room is disconnected, as {@code /kick} does). {@code 403} for a channel that does
	 * not exist, {@code 442} if the kicker is not on it, {@code 482} if not its operator,
	 * {@code 441} for a nick not on it.
	 */
	void kick(IrcCall call) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		IrcMessage message = call.message();
		String me = connection.nickOrStar();
		String[] channels = message.param(0).split(",");
		String[] nicks = message.param(1).split(",");
		// One channel for every nick, or a channel per nick: a nick without one is
		// dropped.
		int kicks = Math.min(MAX_KICKS,
				(channels.length == 1) ? nicks.length : Math.min(channels.length, nicks.length));
		for (int i = 0; i < kicks; i++) {
			kick(connection, session, me, channels[(channels.length == 1) ? 0 : i], nicks[i], message.param(2));
		}
	}

	private void kick(IrcConnection connection, ClientSession session, String me, String channel, String nick,
			String reason) {
		String room = IrcCommands.room(channel);
		boolean member = room != null && session.membership().contains(room);
		if (room == null || (!member && this.server.hub().members(room).isEmpty())) {
			connection.reply("403 " + me + " " + channel + " :No such channel");
		}
		else if (!member && !session.isServerOperator()) {
			connection.reply("442 " + me + " #" + room + " :You're not on that channel");
		}
		else if (!this.server.hub().isOperator(session, room)) {
			connection.reply("482 " + me + " #" + room + " :You're not channel operator");
		}
		else if (this.server.hub().kick(session, room, nick, reason) != null) {
			connection.reply("441 " + me + " " + nick + " #" + room + " :They aren't on that channel");
		}
	}

	/**
	 * {@code INVITE nick #channel}: the nick may join the channel once, whatever
	 * {@code +i}; it is told with {@code INVITE} (an IRC user) or a notice, the inviter
	 * with {@code 341}. {@code 401} for a nick not here, {@code 403} for a channel that
	 * does not exist, {@code 442} if the inviter is not on it, {@code 443} if the nick
	 * is, {@code 482} if the channel is {@code +i} and the inviter not its operator. A
	 * channel remembers its last 100 invitations.
	 */
	void invite(IrcCall call) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		String me = call.me();
		String nick = call.message().param(0);
		String channel = call.message().param(1);
		String room = IrcCommands.room(channel);
		ClientSession target = this.server.registry().findByNick(nick);
		if (target == null || target.nick() == null) {
			connection.reply("401 " + me + " " + nick + " :No such nick");
		}
		else if (room == null || this.server.hub().created(room) == 0) {
			connection.reply("403 " + me + " " + channel + " :No such channel");
		}
		else if (!session.membership().contains(room)) {
			connection.reply("442 " + me + " #" + room + " :You're not on that channel");
		}
		else if (target.membership().contains(room)) {
			connection.reply("443 " + me + " " + target.nick() + " #" + room + " :is already on channel");
		}
		else if (this.server.hub().modes(room).inviteOnly() && !this.server.hub().isOperator(session, room)) {
			connection.reply("482 " + me + " #" + room + " :You're not channel operator");
		}
		else {
			this.server.hub().invite(room, target.nick());
			connection.reply("341 " + me + " " + target.nick() + " #" + room);
			IrcConnection invited = connection.directory().find(target.nick());
			if (invited != null) {
				invited.send(":" + connection.directory().mask(me) + " INVITE " + target.nick() + " #" + room);
			}
			else {
				target.send(Event.info(me + " invites you to room " + room + ": /join " + room));
			}
		}
	}

}
