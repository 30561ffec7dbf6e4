package io.switchboard.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.switchboard.core.Ban;
import io.switchboard.core.Event;

/**
 * What nodes say to each other on the cluster channel. A room line travels as an event,
 * not rendered bytes, so each node renders it in the dialects of its own clients. Version
 * 2 (version 1 carried rendered lines); a node ignores messages of another version, with
 * a warning, so mixed versions during a rolling upgrade lose lines between them but never
 * misread them.
 */
sealed interface ClusterMessage {

	byte VERSION = 2;

	/** The node that published it. */
	String origin();

	/**
	 * An event for a room's members, except {@code excludedId} (empty for none).
	 */
	record RoomEvent(String origin, String room, String excludedId, Event event) implements ClusterMessage {
	}

	/**
	 * A chat line appended to its room's stored history: Redis's script appends its id
	 * ({@code TAG.SEQ}) after the encoded message, so it travels with the id the store
	 * gave it.
	 */
	record RoomChat(String origin, String room, String excludedId, Event.Chat chat) implements ClusterMessage {
	}

	/**
	 * An operator message for one room or, if {@code room} is empty, all of them.
	 */
	record OperatorEvent(String origin, String room, Event event) implements ClusterMessage {
	}

	/**
	 * A private message for one client, on whichever node holds it; the others ignore it.
	 */
	record PrivateEvent(String origin, String clientId, Event.Private event) implements ClusterMessage {
	}

	/**
	 * An operator's disconnect of a client on whichever node holds it.
	 */
	record Disconnect(String origin, String clientId) implements ClusterMessage {
	}

	/**
	 * A ban imposed (and stored already): every node disconnects its clients that match.
	 */
	record BanImposed(String origin, Ban ban) implements ClusterMessage {
	}

	/**
	 * A ban lifted (and deleted from the store already).
	 */
	record BanLifted(String origin, String id) implements ClusterMessage {
	}

	/**
	 * A node's heartbeat; when it comes back to its own node, that node knows its
	 * subscription works.
	 */
	record Heartbeat(String origin, long sequence) implements ClusterMessage {
	}

	static byte[] encode(ClusterMessage message) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			switch (message) {
				case RoomEvent m -> {
					out.writeByte('R');
					out.writeUTF(m.origin());
					out.writeUTF(m.room());
					out.writeUTF(m.excludedId());
					EventCodec.write(out, m.event());
				}
				case RoomChat m -> {
					out.writeByte('C');
					out.writeUTF(m.origin());
					out.writeUTF(m.room());
					out.writeUTF(m.excludedId());
					EventCodec.write(out, m.chat());
					// the id follows, written by the store
				}
				case OperatorEvent m -> {
					out.writeByte('O');
					out.writeUTF(m.origin());
					out.writeUTF(m.room());
					EventCodec.write(out, m.event());
				}
				case PrivateEvent m -> {
					out.writeByte('P');
					out.writeUTF(m.origin());
					out.writeUTF(m.clientId());
					EventCodec.write(out, m.event());
				}
				case Disconnect m -> {
					out.writeByte('D');
					out.writeUTF(m.origin());
					out.writeUTF(m.clientId());
				}
				case BanImposed m -> {
					out.writeByte('B');
					out.writeUTF(m.origin());
					out.writeUTF(m.ban().id());
					out.writeUTF(ClusterBans.encode(m.ban()));
				}
				case BanLifted m -> {
					out.writeByte('L');
					out.writeUTF(m.origin());
					out.writeUTF(m.id());
				}
				case Heartbeat m -> {
					out.writeByte('H');
					out.writeUTF(m.origin());
					out.writeLong(m.sequence());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * @throws IllegalArgumentException if it is no message of this version
	 */
	static ClusterMessage decode(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			byte version = in.readByte();
			if (version != VERSION) {
				throw new IllegalArgumentException("cluster message version " + version + ", expected " + VERSION);
			}
			int kind = in.readByte();
			return switch (kind) {
				case 'R' -> new RoomEvent(in.readUTF(), in.readUTF(), in.readUTF(), EventCodec.read(in));
				case 'O' -> new OperatorEvent(in.readUTF(), in.readUTF(), EventCodec.read(in));
				case 'C' -> roomChat(in);
				case 'P' -> new PrivateEvent(in.readUTF(), in.readUTF(), privateEvent(EventCodec.read(in)));
				case 'D' -> new Disconnect(in.readUTF(), in.readUTF());
				case 'H' -> new Heartbeat(in.readUTF(), in.readLong());
				case 'B' -> banImposed(in.readUTF(), in.readUTF(), in.readUTF());
				case 'L' -> new BanLifted(in.readUTF(), in.readUTF());
				default -> throw new IllegalArgumentException("unknown cluster message kind " + kind);
			};
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("truncated cluster message", ex);
		}
	}

	private static RoomChat roomChat(DataInputStream in) throws IOException {
		String origin = in.readUTF();
		String room = in.readUTF();
		String excludedId = in.readUTF();
		if (!(EventCodec.read(in) instanceof Event.Chat chat)) {
			throw new IOException("a stored chat line carries another event");
		}
		String id = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		return new RoomChat(origin, room, excludedId, chat.withId(id));
	}

	private static BanImposed banImposed(String origin, String id, String encoded) throws IOException {
		Ban ban = ClusterBans.decode(id, encoded);
		if (ban == null) {
			throw new IOException("unreadable ban " + id);
		}
		return new BanImposed(origin, ban);
	}

	private static Event.Private privateEvent(Event event) throws IOException {
		if (event instanceof Event.Private message) {
			return message;
		}
		throw new IOException("a private message carries a " + event.getClass().getSimpleName());
	}

}
