package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.switchboard.core.Frame;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Cuts a stream into LF-terminated lines, dropping a CR before the LF. A line longer than
 * the limit becomes {@link Frame#TOO_LONG} as soon as the limit is passed, so an endless
 * line costs no memory. A last line without LF before EOF is still a message. (The Unix
 * stream door's; the TCP and IRC doors cut lines on their event loop,
 * {@link LineCutter}.)
 */
public final class LineDeserializer implements Deserializer<Frame> {

	private final int maxBytes;

	public LineDeserializer(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public Frame deserialize(InputStream in) throws IOException {
		int next = in.read();
		if (next < 0) {
			throw new SoftEndOfStreamException("Stream closed between messages");
		}
		return readLine(in, next);
	}

	private Frame readLine(InputStream in, int first) throws IOException {
		int next = first;
		byte[] line = new byte[Math.min(128, this.maxBytes + 1)];
		int length = 0;
		while (next >= 0 && next != '\n') {
			// One byte over the limit may still be the CR of a CRLF.
			if (length == this.maxBytes + 1) {
				return Frame.TOO_LONG;
			}
			if (length == line.length) {
				line = Arrays.copyOf(line, Math.min(line.length * 2, this.maxBytes + 1));
			}
			line[length++] = (byte) next;
			next = in.read();
		}
		if (next == '\n' && length > 0 && line[length - 1] == '\r') {
			length--;
		}
		if (length > this.maxBytes) {
			return Frame.TOO_LONG;
		}
		return Frame.of(Arrays.copyOf(line, length));
	}

}
