package io.switchboard.transport;

import io.switchboard.core.Frame;

import org.springframework.core.serializer.Deserializer;

/**
 * How a byte stream (TCP, Unix stream) is cut into messages
 * ({@code switchboard.tcp.framing}, {@code switchboard.unix.framing}).
 */
public enum TcpFraming {

	/** A message is a line ending in LF; a CR before the LF is dropped. */
	LINE,

	/**
	 * Each read of up to {@code max-message-bytes} is one message, as the seeds' Python
	 * clients expect (they send without a newline).
	 */
	CHUNK;

	/**
	 * The event-loop cutter that cuts messages this way (the TCP chat port).
	 */
	public StreamListenerSettings.Cutting cutting(int maxMessageBytes) {
		return switch (this) {
			case LINE -> (connection) -> new LineCutter(connection, maxMessageBytes);
			case CHUNK -> (connection) -> new ChunkCutter(connection, maxMessageBytes);
		};
	}

	/**
	 * The deserializer that cuts messages this way (the Unix stream door).
	 */
	public Deserializer<Frame> deserializer(int maxMessageBytes) {
		return switch (this) {
			case LINE -> new LineDeserializer(maxMessageBytes);
			case CHUNK -> new ChunkDeserializer(maxMessageBytes, true);
		};
	}

}
