package io.switchboard.tcp;

import org.springframework.core.serializer.Deserializer;

/**
 * How a TCP byte stream is cut into messages.
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
	 * The deserializer that cuts messages this way.
	 */
	public Deserializer<Frame> deserializer(int maxMessageBytes) {
		return switch (this) {
			case LINE -> new LineDeserializer(maxMessageBytes);
			case CHUNK -> new ChunkDeserializer(maxMessageBytes, true);
		};
	}

}
