package io.switchboard.transport;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.Frame;

/**
 * Each read, in pieces of up to {@code maxBytes}, is one message, like the seeds'
 * {@code recv(1024)}: the rules of {@link ChunkDeserializer} on the event loop. One
 * trailing LF or CRLF is dropped from each, so a client that does send line ends is not
 * shown blank lines.
 */
final class ChunkCutter extends FrameCutter {

	ChunkCutter(StreamConnection connection, int maxBytes) {
		super(connection, maxBytes);
	}

	@Override
	protected void cut(ByteBuf in) {
		while (in.isReadable()) {
			byte[] chunk = new byte[Math.min(in.readableBytes(), this.maxBytes)];
			in.readBytes(chunk);
			int length = chunk.length;
			if (length > 0 && chunk[length - 1] == '\n') {
				length--;
				if (length > 0 && chunk[length - 1] == '\r') {
					length--;
				}
			}
			emit(Frame.of((length == chunk.length) ? chunk : Arrays.copyOf(chunk, length)));
		}
	}

}
