package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Each read, in pieces of up to {@code maxBytes}, is one message, like the seeds'
 * {@code recv(1024)}: the rules of {@link ChunkDeserializer} on the event loop. One
 * trailing LF or CRLF is dropped from each, so a client that does send line ends is not
 * shown blank lines.
 */
final class ChunkCutter extends ChannelInboundHandlerAdapter {

	private final StreamConnection connection;

	private final int maxBytes;

	ChunkCutter(StreamConnection connection, int maxBytes) {
		this.connection = connection;
		this.maxBytes = maxBytes;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (!(message instanceof ByteBuf in)) {
			context.fireChannelRead(message);
			return;
		}
		try {
			this.connection.heard();
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
				this.connection.listener()
					.frame(this.connection,
							Frame.of((length == chunk.length) ? chunk : java.util.Arrays.copyOf(chunk, length)));
			}
		}
		finally {
			in.release();
		}
	}

}
