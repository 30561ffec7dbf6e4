package io.switchboard.transport;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Refuses a PROXY header where none is expected, on the event loop: the first bytes of a
 * connection are held back while they could still start one (the rules of
 * {@link ProxyHeaderGuard#verdict}). Once they cannot, they and everything after pass on
 * and this handler leaves the pipeline; if they do start one, the door is told (it tells
 * the client and closes it with FIN) and the rest of the input is dropped until the
 * connection ends. So a header from an untrusted peer never becomes a chat line, nor an
 * address anyone believes.
 */
final class ProxyHeaderSniffer extends ChannelInboundHandlerAdapter {

	private final StreamConnection connection;

	private byte[] held = new byte[0];

	private boolean dropping;

	ProxyHeaderSniffer(StreamConnection connection) {
		this.connection = connection;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (!(message instanceof ByteBuf in)) {
			context.fireChannelRead(message);
			return;
		}
		if (this.dropping) {
			in.release();
			return;
		}
		int had = this.held.length;
		int n = Math.min(in.readableBytes(), 16);
		byte[] seen = Arrays.copyOf(this.held, had + n);
		in.getBytes(in.readerIndex(), seen, had, n);
		switch (ProxyHeaderGuard.verdict(seen, seen.length)) {
			case REFUSE -> {
				in.release();
				this.dropping = true;
				this.held = new byte[0];
				this.connection.listener().proxyHeaderRefused(this.connection);
			}
			case PASS -> {
				context.pipeline().remove(this);
				if (had > 0) {
					context.fireChannelRead(Unpooled.wrappedBuffer(this.held));
				}
				context.fireChannelRead(in);
			}
			case UNDECIDED -> {
				in.skipBytes(n);
				this.held = seen;
				in.release();
			}
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		if (event instanceof ChannelInputShutdownEvent && !this.dropping && this.held.length > 0) {
			context.fireChannelRead(Unpooled.wrappedBuffer(this.held)); // what was held,
																		// then the end
			this.held = new byte[0];
		}
		context.fireUserEventTriggered(event);
	}

}
