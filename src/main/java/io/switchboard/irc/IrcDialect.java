package io.switchboard.irc;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.Dialect;
import io.switchboard.core.Event;
import io.switchboard.core.OutboundLine;

/**
 * How one IRC client is spoken to. Replies for it alone carry its nick (numerics, its own
 * {@code JOIN}, notices addressed to it); events for many clients are rendered by the
 * {@link IrcLines} its capabilities select, shared with every client that has the same.
 * IRC clients start in no channel and see everyone's joins and leaves, which keep their
 * member lists.
 */
final class IrcDialect implements Dialect {

	/** How a ban's refusal starts ({@code ERR banned: REASON (until TIME)}). */
	static final String BANNED = "banned: ";

	private final IrcConnection connection;

	IrcDialect(IrcConnection connection) {
		this.connection = connection;
	}

	@Override
	public boolean multiRoom() {
		return true;
	}

	@Override
	public boolean startsInNoRoom() {
		return true;
	}

	@Override
	public boolean wantsPresence() {
		return true;
	}

	@Override
	public boolean repeats(Event event) {
		return this.connection.departures().repeats(event);
	}

	@Override
	public Dialect forBroadcast() {
		return this.connection.lines();
	}

	@Override
	public OutboundLine render(Event event) {
		IrcLines lines = this.connection.lines();
		String me = this.connection.nickOrStar();
		return switch (event) {
			case Event.Joined joined ->
				IrcLines.reply(":" + this.connection.directory().mask(me) + " JOIN #" + joined.room());
			case Event.Topic topic when topic.by() == null -> topic.text().isEmpty()
					? IrcLines.reply(lines.server("331 " + me + " #" + topic.room() + " :No topic is set"))
					: topic(lines, me, topic);
			case Event.Info info -> IrcLines.reply(lines.server("NOTICE " + me + " :" + info.text()));
			case Event.Failure failure when this.connection.ending(failure.text()) ->
				IrcLines.reply(lines.server(failure.text().startsWith(BANNED)
						? "465 " + me + " :You are banned from this server ("
								+ failure.text().substring(BANNED.length()) + ")"
						: "NOTICE " + me + " :" + failure.text()));
			case Event.Failure failure -> IrcLines.reply(lines.server("NOTICE " + me + " :" + failure.text()));
			case Event.Greeting greeting -> IrcLines.reply(lines.server("NOTICE " + me + " :" + greeting.text()));
			case Event.History history -> OutboundLine.concatenated(renderAll(history));
			case Event.Private message -> {
				// Sent (its echo) or received: a conversation CHATHISTORY TARGETS lists.
				String other = message.from().equalsIgnoreCase(me) ? message.to() : IrcNicks.of(message.from());
				this.connection.conversations().record(other, message.time());
				yield lines.render(event);
			}
			default -> lines.render(event);
		};
	}

	/**
	 * A room's topic for this client ({@code 332}), with who set it and when
	 * ({@code 333}) as IRC clients show it on joining.
	 */
	private OutboundLine topic(IrcLines lines, String me, Event.Topic topic) {
		OutboundLine text = IrcLines
			.reply(lines.server("332 " + me + " #" + topic.room() + " :" + IrcLines.topic(topic.text())));
		String whoTime = this.connection.whoSetTopic(me, topic.room());
		return (whoTime != null) ? OutboundLine.concatenated(List.of(text, IrcLines.reply(lines.server(whoTime))))
				: text;
	}

	@Override
	public List<OutboundLine> renderAll(Event event) {
		if (!(event instanceof Event.History history)) {
			return List.of(render(event));
		}
		List<OutboundLine> rendered = new ArrayList<>(history.lines().size());
		history.lines().forEach((line) -> rendered.add(this.connection.lines().render(line)));
		return rendered;
	}

}
