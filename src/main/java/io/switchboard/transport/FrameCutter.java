package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.core.Frame;

/**
 * A connection's frame cutter on the event loop: each read's bytes are cut into frames
 * for its {@link StreamConnection} and released; the connection hears that the client
 * spoke.
 */
abstract class FrameCutter extends ChannelInboundHandlerAdapter {

	protected final StreamConnection connection;

	protected final int maxBytes;

	FrameCutter(StreamConnection connection, int maxBytes) {
		this.connection = connection;
		this.maxBytes = maxBytes;
	}

	@Override
	public final void channelRead(ChannelHandlerContext context, Object message) {
		if (!(message instanceof ByteBuf in)) {
			context.fireChannelRead(message);
			return;
		}
		try {
			this.connection.heard();
			cut(in);
		}
		finally {
			in.release();
		}
	}

	/**
	 * Cut what this read brought, reporting frames with {@link #emit}.
	 */
	protected abstract void cut(ByteBuf in);

	protected final void emit(Frame frame) {
		this.connection.listener().frame(this.connection, frame);
	}

}
