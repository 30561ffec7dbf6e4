package io.switchboard.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What nodes say to each other on the cluster channel. A room line travels already
 * formatted and encoded, so every node delivers the same bytes.
 */
sealed interface ClusterMessage {

	byte VERSION = 1;

	/** The node that published it. */
	String origin();

	/**
	 * A line for a room's members, except {@code excludedId} (empty for none).
	 */
	record RoomLine(String origin, String room, String excludedId, byte[] line) implements ClusterMessage {
	}

	/**
	 * An operator message for one room or, if {@code room} is empty, all of them.
	 */
	record OperatorLine(String origin, String room, byte[] line) implements ClusterMessage {
	}

	/**
	 * An operator's disconnect of a client on whichever node holds it.
	 */
	record Disconnect(String origin, String clientId) implements ClusterMessage {
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
				case RoomLine m -> {
					out.writeByte('R');
					out.writeUTF(m.origin());
					out.writeUTF(m.room());
					out.writeUTF(m.excludedId());
					writeBytes(out, m.line());
				}
				case OperatorLine m -> {
					out.writeByte('O');
					out.writeUTF(m.origin());
					out.writeUTF(m.room());
					writeBytes(out, m.line());
				}
				case Disconnect m -> {
					out.writeByte('D');
					out.writeUTF(m.origin());
					out.writeUTF(m.clientId());
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
				case 'R' -> new RoomLine(in.readUTF(), in.readUTF(), in.readUTF(), readBytes(in));
				case 'O' -> new OperatorLine(in.readUTF(), in.readUTF(), readBytes(in));
				case 'D' -> new Disconnect(in.readUTF(), in.readUTF());
				case 'H' -> new Heartbeat(in.readUTF(), in.readLong());
				default -> throw new IllegalArgumentException("unknown cluster message kind " + kind);
			};
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("truncated cluster message", ex);
		}
	}

	private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static byte[] readBytes(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > in.available()) {
			throw new IOException("bad length " + length);
		}
		return in.readNBytes(length);
	}

}
