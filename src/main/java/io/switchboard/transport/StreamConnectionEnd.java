package io.switchboard.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.core.CloseReason;

/**
 * The end of a connection's pipeline: tells its {@link StreamListener} that it opened (at
 * once, unless a PROXY header is awaited), that its input ended or failed, and that it
 * closed. The input's end is only handed on: the connection is closed once the door has
 * taken the frames before it (a client's {@code quit} then FIN gets its goodbye).
 */
final class StreamConnectionEnd extends ChannelInboundHandlerAdapter {

	private final StreamConnection connection;

	StreamConnectionEnd(StreamConnection connection) {
		this.connection = connection;
	}

	@Override
	public void channelActive(ChannelHandlerContext context) {
		if (context.pipeline().get(ProxyHeaderReader.class) == null) {
			this.connection.listener().opened(this.connection);
		}
		context.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		ReferenceCountUtil.release(message); // the cutter passes nothing on
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		if (event instanceof ChannelInputShutdownEvent && this.connection.endOnce()) {
			this.connection.listener().ended(this.connection, CloseReason.EOF, null);
		}
		ReferenceCountUtil.release(event);
	}

	/**
	 * A peer that resets or vanishes is routine for a chat server: the door logs it at
	 * debug, and why a client left is counted in {@code switchboard.connections.closed}.
	 */
	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		if (this.connection.endOnce()) {
			this.connection.listener().ended(this.connection, CloseReason.ERROR, cause);
		}
		else {
			context.close();
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext context) {
		this.connection.writabilityChanged();
		context.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		this.connection.listener().closed(this.connection);
	}

}
