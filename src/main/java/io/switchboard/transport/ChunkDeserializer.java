package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.switchboard.core.Frame;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Each read of up to {@code maxBytes} is one message, like the seeds' {@code recv(1024)}.
 * Optionally drops one trailing LF or CRLF, so a client that does send line ends is not
 * shown blank lines.
 */
public final class ChunkDeserializer implements Deserializer<Frame> {

	private final int maxBytes;

	private final boolean dropLineEnd;

	public ChunkDeserializer(int maxBytes, boolean dropLineEnd) {
		this.maxBytes = maxBytes;
		this.dropLineEnd = dropLineEnd;
	}

	@Override
	public Frame deserialize(InputStream in) throws IOException {
		byte[] buffer = new byte[this.maxBytes];
		int length = in.read(buffer);
		if (length < 0) {
			throw new SoftEndOfStreamException("Stream closed between messages");
		}
		if (this.dropLineEnd && length > 0 && buffer[length - 1] == '\n') {
			length--;
			if (length > 0 && buffer[length - 1] == '\r') {
				length--;
			}
		}
		return Frame.of(Arrays.copyOf(buffer, length));
	}

}
