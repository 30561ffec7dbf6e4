package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.switchboard.core.ClientSession;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.RoomModes;

/**
 * {@code TAGMSG} (IRCv3 message-tags): a message of client-only tags and no text, such as
 * {@code +typing=active}, to channels and nicks. It reaches only IRC clients that asked
 * for {@code message-tags}, and only this node's: the other doors have no tags to show,
 * and it is not a chat line, so it never enters the hub's rooms, history or cluster. The
 * sender gets it back with {@code echo-message}.
 */
final class IrcTagMessages {

	private final IrcServer server;

	/** A {@code msgid} of this node's own: TAGMSGs are never in a room's history. */
	private final String idPrefix = "t" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + ".";

	private final AtomicLong ids = new AtomicLong();

	IrcTagMessages(IrcServer server) {
		this.server = server;
	}

	void send(IrcCall call) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		IrcMessage message = call.message();
		String me = connection.nickOrStar();
		String[] targets = message.param(0).split(",");
		if (targets.length > IrcCommands.MAX_TARGETS) {
			connection.reply("407 " + me + " " + message.param(0) + " :Too many recipients");
			return;
		}
		if (message.clientTags().isEmpty()) {
			return; // nothing any client could be shown
		}
		boolean first = true;
		byte[] cost = message.clientTags().getBytes(StandardCharsets.UTF_8);
		for (String target : IrcCommands.distinct(targets)) {
			// Each target after the first costs flood control a line, as PRIVMSG's do.
			if (!first && !this.server.hub().admitAgain(session, cost)) {
				return;
			}
			first = false;
			if (target.startsWith("#")) {
				toChannel(connection, session, target, message.clientTags());
			}
			else {
				toNick(connection, target, message.clientTags());
			}
		}
	}

	private void toChannel(IrcConnection connection, ClientSession session, String channel, String clientTags) {
		String me = connection.nickOrStar();
		String room = IrcCommands.room(channel);
		if (room == null) {
			connection.reply("403 " + me + " " + channel + " :No such channel");
			return;
		}
		// As for a line: members only, and in a moderated room its voices only.
		RoomModes modes = this.server.hub().modes(room);
		if (!session.membership().contains(room) || (modes.moderated() && !this.server.hub().isOperator(session, room)
				&& !this.server.hub().voiced(room).contains(session.from()))) {
			connection.reply("404 " + me + " " + channel + " :Cannot send to channel");
			return;
		}
		Rendered rendered = new Rendered(connection, "TAGMSG #" + room, clientTags);
		for (String member : this.server.hub().members(room)) {
			IrcConnection other = connection.directory().find(member);
			if (other != null && other != connection) {
				rendered.deliver(other);
			}
		}
		if (connection.has("echo-message")) {
			rendered.deliver(connection);
		}
	}

	private void toNick(IrcConnection connection, String nick, String clientTags) {
		IrcConnection other = connection.directory().find(nick);
		if (other == null) {
			// Only this node's IRC clients could be given it: for TAGMSG anyone else
			// is no one.
			if (this.server.registry().findByShownName(nick) == null) {
				connection.reply("401 " + connection.nickOrStar() + " " + nick + " :No such nick");
			}
			return;
		}
		Rendered rendered = new Rendered(connection, "TAGMSG " + other.nickOrStar(), clientTags);
		if (other != connection) {
			rendered.deliver(other);
		}
		if (connection.has("echo-message")) {
			rendered.deliver(connection);
		}
	}

	/**
	 * One TAGMSG, rendered once per kind of client ({@link IrcLines}) however many
	 * members a channel has: a large channel's receivers share the bytes.
	 */
	private final class Rendered {

		private final String rest;

		private final String id = IrcTagMessages.this.idPrefix + IrcTagMessages.this.ids.incrementAndGet();

		private final Instant time = Instant.now();

		private final String clientTags;

		private final Map<IrcLines, OutboundLine> lines = new HashMap<>(4);

		Rendered(IrcConnection sender, String command, String clientTags) {
			this.rest = ":" + sender.directory().mask(sender.nickOrStar()) + " " + command;
			this.clientTags = clientTags;
		}

		void deliver(IrcConnection receiver) {
			IrcLines kind = receiver.lines();
			if (!kind.messageTags()) {
				return; // no tags asked for: a TAGMSG would be an empty line to it
			}
			receiver.send(this.lines.computeIfAbsent(kind,
					(lines) -> IrcLines.reply(lines.tags(this.time, this.id, this.clientTags) + this.rest)));
		}

	}

}
