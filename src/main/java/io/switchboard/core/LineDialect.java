package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The line protocol that {@code nc}, the terminal client, UDP and Unix clients speak: a
 * chat line in {@code switchboard.format}, {@code * } before information, {@code ERR }
 * before errors, one LF-terminated line each, in {@code switchboard.charset}.
 */
public final class LineDialect implements Dialect {

	private final LineCodec codec;

	private final MessageFormat chatLine;

	private final MessageFormat privateLine;

	private final boolean multiRoom;

	LineDialect(LineCodec codec, ChatProperties properties, LineProperties line) {
		this.codec = codec;
		this.multiRoom = line.multiRoom();
		this.chatLine = new MessageFormat(line.multiRoom() ? line.multiRoomFormat() : properties.format(),
				properties.zoneId());
		this.privateLine = new MessageFormat(properties.privateFormat(), properties.zoneId());
	}

	/**
	 * A history as its lines: {@code * history of ROOM: K lines}, the lines, then
	 * {@code * end of history}.
	 */
	@Override
	public List<OutboundLine> renderAll(Event event) {
		if (!(event instanceof Event.History history)) {
			return List.of(render(event));
		}
		List<OutboundLine> lines = new ArrayList<>(history.lines().size() + 2);
		lines.add(this.codec.reply("* history of " + history.room() + ": " + history.lines().size() + " lines"));
		history.lines().forEach((line) -> lines.add(render(line)));
		lines.add(this.codec.reply("* end of history"));
		return lines;
	}

	private static String topicLine(Event.Topic topic) {
		if (topic.by() == null) {
			return topic.text().isEmpty() ? "* no topic in " + topic.room()
					: "* topic of " + topic.room() + ": " + topic.text();
		}
		return topic.text().isEmpty() ? "* " + topic.by() + " cleared the topic of " + topic.room()
				: "* " + topic.by() + " set the topic of " + topic.room() + ": " + topic.text();
	}

	@Override
	public boolean multiRoom() {
		return this.multiRoom;
	}

	@Override
	public OutboundLine render(Event event) {
		return switch (event) {
			case Event.Chat chat -> new OutboundLine(
					this.codec.encodeLine(this.chatLine.render(chat.time().toEpochMilli(),
							chat.action() ? "* " + chat.from() : chat.from(), chat.text(), chat.room())),
					chat.receivedNanos());
			case Event.Private message -> new OutboundLine(
					this.codec.encodeLine(this.privateLine.render(message.time().toEpochMilli(), message.from(),
							message.action() ? "* " + message.from() + " " + message.text() : message.text(), "",
							message.to())),
					message.receivedNanos());
			case Event.History history -> OutboundLine.concatenated(renderAll(history));
			case Event.Recovered recovered -> this.codec.reply("* recovered " + recovered.lines() + " lines of "
					+ recovered.room() + (recovered.complete() ? "" : "; older lines are gone, some were missed"));
			case Event.Topic topic -> this.codec.reply(topicLine(topic));
			case Event.Info info -> this.codec.reply("* " + info.text());
			case Event.Joined joined -> this.codec.reply("* " + joined.text());
			case Event.Failure failure -> this.codec.reply("ERR " + failure.text());
			case Event.Greeting greeting -> this.codec.reply(greeting.text());
			case Event.Presence presence when presence.kickedBy() != null ->
				this.codec.reply("* " + presence.kickText());
			case Event.Presence presence -> this.codec.reply("* " + presence.who()
					+ (presence.joined() ? " joined" : " left") + (this.multiRoom ? " " + presence.room() : ""));
			case Event.Renamed renamed -> this.codec.reply("* " + renamed.from() + " is now known as " + renamed.to()
					+ (this.multiRoom ? " " + renamed.room() : ""));
			case Event.Operator operator -> this.codec.reply("* [operator] " + operator.text());
		};
	}

}
