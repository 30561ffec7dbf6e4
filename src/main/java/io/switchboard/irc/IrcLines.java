package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.switchboard.core.Dialect;
import io.switchboard.core.Event;
import io.switchboard.core.OutboundLine;
import org.jspecify.annotations.Nullable;

/**
 * IRC lines for events that go to many clients at once (a room's lines, joins and leaves,
 * topic changes, operator notices): the same bytes for every IRC client with the same
 * capabilities, so a room's line is rendered once per kind of IRC client, not per member.
 * One instance per combination of {@code server-time} and {@code message-tags}.
 */
final class IrcLines implements Dialect {

	/**
	 * {@code TOPICLEN}: the most bytes of a topic an IRC line carries. With the longest
	 * prefix (a 32-byte nick, a 10-byte user name, a 63-byte server name) and channel
	 * (33), a {@code TOPIC}, {@code 332} or {@code 322} line is then at most 453 bytes
	 * with CR LF, within IRC's 512; a longer topic (the hub keeps up to 300 characters,
	 * up to 1,200 bytes of UTF-8) is cut at a character's boundary for IRC only.
	 */
	static final int TOPIC_BYTES = 300;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

	private static final String ACTION = "\u0001ACTION";

	private final IrcDirectory directory;

	private final boolean serverTime;

	private final boolean messageTags;

	IrcLines(IrcDirectory directory, boolean serverTime, boolean messageTags) {
		this.directory = directory;
		this.serverTime = serverTime;
		this.messageTags = messageTags;
	}

	/**
	 * What an action says, if {@code text} is one: IRC's {@code \x01ACTION waves\x01}
	 * (the closing {@code \x01} is optional, as clients differ) is the hub's action
	 * {@code waves}, the same event as the line protocol's {@code /me waves}.
	 * @return the action's text, or null if it is no action
	 */
	static @Nullable String ctcpAction(String text) {
		if (!text.startsWith(ACTION) || (text.length() > ACTION.length() && text.charAt(ACTION.length()) != ' '
				&& text.charAt(ACTION.length()) != '\u0001')) {
			return null;
		}
		int end = text.endsWith("\u0001") && text.length() > ACTION.length() ? text.length() - 1 : text.length();
		return text.substring(Math.min(ACTION.length() + 1, end), end);
	}

	/**
	 * A chat line's text as IRC sends it: an action as a CTCP ACTION.
	 */
	static String text(Event.Chat chat) {
		return chat.action() ? asCtcpAction(chat.text()) : chat.text();
	}

	private static String asCtcpAction(String text) {
		return ACTION + " " + text + "\u0001";
	}

	/**
	 * IRC has no {@code /auth}: a token is shown at registration, so a new one means a
	 * new connection.
	 */
	@Override
	public String renewToken() {
		return "reconnect with a new token as the server password (PASS) or through SASL";
	}

	@Override
	public OutboundLine render(Event event) {
		return switch (event) {
			case Event.Chat chat -> new OutboundLine(
					line(tags(chat.time(), chat.id(), chat.clientTags()) + ":"
							+ this.directory.mask(IrcNicks.of(chat.from()))
							+ (chat.notice() ? " NOTICE #" : " PRIVMSG #") + chat.room() + " :" + text(chat)),
					chat.receivedNanos());
			case Event.Private message -> new OutboundLine(
					line(tags(message.time(), message.id(), message.clientTags()) + ":"
							+ this.directory.mask(IrcNicks.of(message.from())) + " PRIVMSG " + message.to() + " :"
							+ (message.action() ? asCtcpAction(message.text()) : message.text())),
					message.receivedNanos());
			case Event.Presence presence when presence.kickedBy() != null ->
				// RFC 2812: without a comment, the kicker's nick is the comment.
				reply(":" + this.directory.mask(IrcNicks.of(presence.kickedBy())) + " KICK #" + presence.room() + " "
						+ IrcNicks.of(presence.who()) + " :"
						+ (presence.reason().isEmpty() ? IrcNicks.of(presence.kickedBy()) : presence.reason()));
			case Event.Presence presence -> reply(":" + this.directory.mask(IrcNicks.of(presence.who()))
					+ (presence.joined() ? " JOIN #" + presence.room()
							: presence.quit() ? " QUIT :" + presence.reason() : " PART #" + presence.room()
									+ (presence.reason().isEmpty() ? "" : " :" + presence.reason())));
			case Event.Topic topic -> reply(":"
					+ ((topic.by() != null) ? this.directory.mask(IrcNicks.of(topic.by())) : this.directory.server())
					+ " TOPIC #" + topic.room() + " :" + topic(topic.text()));
			case Event.Renamed renamed ->
				reply(":" + this.directory.mask(IrcNicks.of(renamed.from())) + " NICK :" + renamed.to());
			case Event.Operator operator -> reply(server("NOTICE * :[operator] " + operator.text()));
			case Event.Info info -> reply(server("NOTICE * :" + info.text()));
			case Event.Failure failure -> reply(server("NOTICE * :" + failure.text()));
			case Event.Greeting greeting -> reply(server("NOTICE * :" + greeting.text()));
			case Event.Joined joined -> reply(server("NOTICE * :" + joined.text()));
			case Event.Recovered recovered -> reply(server("NOTICE * :caught up on " + recovered.lines() + " lines of #"
					+ recovered.room() + (recovered.complete() ? "" : "; older lines are gone, some were missed")));
			case Event.History history -> reply(server("NOTICE * :history of #" + history.room()));
		};
	}

	String server(String rest) {
		return ":" + this.directory.server() + " " + rest;
	}

	/**
	 * The tags a client asked for: {@code time} (server-time) and {@code msgid}
	 * (message-tags), with the space after them.
	 */
	String tags(Instant time, String id) {
		return tags(time, id, "");
	}

	/**
	 * As {@link #tags(Instant, String)}, and a sender's client-only tags (message-tags):
	 * at most 4,094 bytes of them (as taken from the sender) and under 100 of the
	 * server's, within the 8,191 a tag section may have.
	 */
	String tags(Instant time, String id, String clientTags) {
		boolean withClientTags = this.messageTags && !clientTags.isEmpty();
		if (!this.serverTime && !(this.messageTags && !id.isEmpty()) && !withClientTags) {
			return "";
		}
		StringBuilder tags = new StringBuilder("@");
		if (this.serverTime) {
			tags.append("time=").append(TIME.format(time.truncatedTo(ChronoUnit.MILLIS)));
		}
		if (this.messageTags && !id.isEmpty()) {
			tags.append((tags.length() > 1) ? ";" : "").append("msgid=").append(id);
		}
		if (withClientTags) {
			tags.append((tags.length() > 1) ? ";" : "").append(clientTags);
		}
		return tags.append(' ').toString();
	}

	/**
	 * Whether clients of this kind get client-only tags ({@code TAGMSG} among them).
	 */
	boolean messageTags() {
		return this.messageTags;
	}

	/**
	 * A topic as IRC lines carry it: its first {@value #TOPIC_BYTES} bytes of UTF-8, cut
	 * before a character that would not fit whole.
	 */
	static String topic(String text) {
		if (text.length() <= TOPIC_BYTES / 4) {
			return text; // no character takes more than 4 bytes
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= TOPIC_BYTES) {
			return text;
		}
		int end = TOPIC_BYTES;
		while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
			end--; // a continuation byte: the character starts before it
		}
		return new String(bytes, 0, end, StandardCharsets.UTF_8);
	}

	static OutboundLine reply(String text) {
		return new OutboundLine(line(text), 0);
	}

	static byte[] line(String text) {
		return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

}
