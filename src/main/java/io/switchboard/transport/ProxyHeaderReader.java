package io.switchboard.transport;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Reads a trusted proxy's PROXY header off the start of its connection, on the event
 * loop, before anything else (on TLS the header precedes the handshake). Bytes are kept
 * only until the header is complete (at most its protocol's limit); then the connection
 * is proxied for the client the header names, opened, and what followed the header is
 * passed on. A header that is invalid, ends with the input, or does not come within
 * {@link ProxyProtocol#HEADER_TIMEOUT} (the listener's sweep) fails the connection, whose
 * input is then dropped.
 */
final class ProxyHeaderReader extends ChannelInboundHandlerAdapter {

	private static final int MAX_BYTES = 16 + ProxyHeader.V2_MAX_LENGTH;

	private final StreamConnection connection;

	private final ProxyProtocol.Mode mode;

	private byte[] received = new byte[0];

	private boolean failed;

	ProxyHeaderReader(StreamConnection connection, ProxyProtocol.Mode mode) {
		this.connection = connection;
		this.mode = mode;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (!(message instanceof ByteBuf in)) {
			context.fireChannelRead(message);
			return;
		}
		if (this.failed) {
			in.release();
			return;
		}
		int had = this.received.length;
		int n = Math.min(in.readableBytes(), MAX_BYTES - had);
		this.received = Arrays.copyOf(this.received, had + n);
		in.readBytes(this.received, had, n);
		try {
			ProxyHeader.Parsed parsed = ProxyHeader.parse(this.received, this.received.length, this.mode);
			if (parsed == null) {
				in.release();
				return;
			}
			this.connection.proxied(parsed.header().source());
			context.pipeline().remove(this);
			this.connection.listener().opened(this.connection);
			// What came after the header, then the rest of this read.
			ByteBuf after = context.alloc()
				.buffer(this.received.length - parsed.length() + in.readableBytes())
				.writeBytes(this.received, parsed.length(), this.received.length - parsed.length())
				.writeBytes(in);
			in.release();
			this.received = new byte[0];
			if (after.isReadable()) {
				context.fireChannelRead(after);
			}
			else {
				after.release();
			}
		}
		catch (ProxyHeaderException ex) {
			in.release();
			fail(ex);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		if (event instanceof ChannelInputShutdownEvent && !this.failed) {
			fail(ProxyHeaderException.invalid("the connection ended inside it"));
		}
		context.fireUserEventTriggered(event);
	}

	/**
	 * The header's time is up (called by the listener's sweep, on the event loop).
	 */
	void timedOut() {
		if (!this.failed) {
			fail(ProxyHeaderException.timeout());
		}
	}

	private void fail(ProxyHeaderException failure) {
		this.failed = true;
		this.received = new byte[0];
		this.connection.listener().proxyHeaderFailed(this.connection, failure);
	}

}
