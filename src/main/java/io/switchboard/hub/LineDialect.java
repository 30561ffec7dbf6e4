package io.switchboard.hub;

import io.switchboard.client.Dialect;
import io.switchboard.client.Event;
import io.switchboard.client.LineCodec;
import io.switchboard.client.OutboundLine;

/**
 * The line protocol that {@code nc}, the terminal client, UDP and Unix clients speak: a
 * chat line in {@code switchboard.format}, {@code * } before information, {@code ERR }
 * before errors, one LF-terminated line each, in {@code switchboard.charset}.
 */
public final class LineDialect implements Dialect {

	private final LineCodec codec;

	private final MessageFormat chatLine;

	private final MessageFormat privateLine;

	LineDialect(LineCodec codec, ChatProperties properties) {
		this.codec = codec;
		this.chatLine = new MessageFormat(properties.format(), properties.zoneId());
		this.privateLine = new MessageFormat(properties.privateFormat(), properties.zoneId());
	}

	@Override
	public OutboundLine render(Event event) {
		return switch (event) {
			case Event.Chat chat -> new OutboundLine(
					this.codec.encodeLine(
							this.chatLine.render(chat.time().toEpochMilli(), chat.from(), chat.text(), chat.room())),
					chat.receivedNanos());
			case Event.Private message ->
				new OutboundLine(this.codec.encodeLine(this.privateLine.render(message.time().toEpochMilli(),
						message.from(), message.text(), "", message.to())), message.receivedNanos());
			case Event.Info info -> this.codec.reply("* " + info.text());
			case Event.Failure failure -> this.codec.reply("ERR " + failure.text());
			case Event.Greeting greeting -> this.codec.reply(greeting.text());
			case Event.Presence presence ->
				this.codec.reply("* " + presence.who() + (presence.joined() ? " joined" : " left"));
			case Event.Operator operator -> this.codec.reply("* [operator] " + operator.text());
		};
	}

}
