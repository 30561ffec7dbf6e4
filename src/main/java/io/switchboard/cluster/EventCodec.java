package io.switchboard.cluster;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.switchboard.core.Event;

/**
 * Events on the cluster channel: a kind byte, then the fields; text as length-prefixed
 * UTF-8 (a message may be longer than {@code writeUTF}'s 64 KiB once escaped). The time
 * of a chat line travels; its latency origin does not (another node's clock means nothing
 * here).
 */
final class EventCodec {

	private static final int MAX_TEXT_BYTES = 1 << 20;

	private static final Event.Chat.Kind[] CHAT_KINDS = Event.Chat.Kind.values();

	private EventCodec() {
	}

	/**
	 * A kind this node does not know (written by a newer one) reads as a line said.
	 */
	private static Event.Chat.Kind chatKind(int ordinal) {
		return (ordinal < CHAT_KINDS.length) ? CHAT_KINDS[ordinal] : Event.Chat.Kind.SAY;
	}

	static void write(DataOutputStream out, Event event) throws IOException {
		switch (event) {
			case Event.Chat chat -> {
				out.writeByte('c');
				out.writeUTF(chat.id());
				out.writeUTF(chat.room());
				writeText(out, chat.from());
				writeText(out, chat.text());
				out.writeLong(chat.time().toEpochMilli());
				// One byte, as the notice flag that was here: 0 said, 1 notice, 2 action.
				out.writeByte(chat.kind().ordinal());
			}
			case Event.Private message -> {
				out.writeByte('m');
				out.writeUTF(message.id());
				writeText(out, message.from());
				writeText(out, message.to());
				writeText(out, message.text());
				out.writeLong(message.time().toEpochMilli());
				// Last, so that a node that does not know it reads a message without it.
				out.writeBoolean(message.action());
			}
			case Event.History history -> throw new IllegalArgumentException("history is answered by each node");
			case Event.Recovered recovered -> throw new IllegalArgumentException("catch-up is answered by each node");
			case Event.Topic topic -> {
				out.writeByte('t');
				out.writeUTF(topic.room());
				writeText(out, topic.text());
				writeText(out, (topic.by() != null) ? topic.by() : "");
			}
			case Event.Info info -> {
				out.writeByte('i');
				writeText(out, info.text());
			}
			case Event.Joined joined -> throw new IllegalArgumentException("a join is answered by its node");
			case Event.Failure failure -> {
				out.writeByte('f');
				writeText(out, failure.text());
			}
			case Event.Greeting greeting -> {
				out.writeByte('g');
				writeText(out, greeting.text());
				out.writeUTF(greeting.room());
			}
			case Event.Presence presence -> {
				out.writeByte('p');
				out.writeUTF(presence.room());
				writeText(out, presence.who());
				out.writeBoolean(presence.joined());
				out.writeBoolean(presence.quit());
				writeText(out, presence.reason());
			}
			case Event.Renamed renamed -> {
				out.writeByte('n');
				out.writeUTF(renamed.room());
				writeText(out, renamed.from());
				writeText(out, renamed.to());
			}
			case Event.Operator operator -> {
				out.writeByte('o');
				writeText(out, operator.text());
			}
		}
	}

	/**
	 * @param receivedNanos the latency origin to give a chat line: its arrival here
	 */
	static Event read(DataInputStream in) throws IOException {
		int kind = in.readByte();
		return switch (kind) {
			case 'c' -> new Event.Chat(in.readUTF(), in.readUTF(), readText(in), readText(in),
					Instant.ofEpochMilli(in.readLong()), System.nanoTime(), chatKind(in.readUnsignedByte()));
			case 'm' -> new Event.Private(in.readUTF(), readText(in), readText(in), readText(in),
					Instant.ofEpochMilli(in.readLong()), System.nanoTime(), in.available() > 0 && in.readBoolean());
			case 't' -> topic(in.readUTF(), readText(in), readText(in));
			case 'i' -> new Event.Info(readText(in));
			case 'f' -> new Event.Failure(readText(in));
			case 'g' -> new Event.Greeting(readText(in), in.readUTF());
			case 'n' -> new Event.Renamed(in.readUTF(), readText(in), readText(in));
			case 'p' ->
				new Event.Presence(in.readUTF(), readText(in), in.readBoolean(), in.readBoolean(), readText(in));
			case 'o' -> new Event.Operator(readText(in));
			default -> throw new IOException("unknown event kind " + kind);
		};
	}

	private static Event.Topic topic(String room, String text, String by) {
		return new Event.Topic(room, text, by.isEmpty() ? null : by);
	}

	private static void writeText(DataOutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String readText(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > MAX_TEXT_BYTES || length > in.available()) {
			throw new IOException("bad length " + length);
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
