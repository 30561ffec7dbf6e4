package io.switchboard.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Refuses a PROXY header where none is expected, on the event loop: the first bytes of a
 * connection are held back while they could still start one ({@code PROXY TCP4 },
 * {@code PROXY TCP6 }, {@code PROXY UNKNOWN}, or the v2 signature). Once they cannot,
 * they and everything after pass on and this handler leaves the pipeline; if they do
 * start one, the door is told (it tells the client and closes it with FIN) and the rest
 * of the input is dropped until the connection ends. So a header from an untrusted peer
 * never becomes a chat line, nor an address anyone believes.
 */
final class ProxyHeaderSniffer extends ChannelInboundHandlerAdapter {

	private static final List<byte[]> HEADER_STARTS = List.of(ProxyHeader.V2_SIGNATURE, ascii("PROXY TCP4 "),
			ascii("PROXY TCP6 "), ascii("PROXY UNKNOWN"));

	private final Runnable refused;

	private byte[] held = new byte[0];

	private boolean dropping;

	/**
	 * @param refused run once if the connection starts with a header
	 */
	ProxyHeaderSniffer(Runnable refused) {
		this.refused = refused;
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
		switch (verdict(seen, seen.length)) {
			case REFUSE -> {
				in.release();
				this.dropping = true;
				this.held = new byte[0];
				this.refused.run();
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

	/**
	 * What a connection's first {@code length} bytes say: they start a PROXY header
	 * (refuse it), they cannot start one (pass them on), or not yet known.
	 */
	static Verdict verdict(byte[] seen, int length) {
		boolean couldStillBe = false;
		for (byte[] start : HEADER_STARTS) {
			int common = Math.min(start.length, length);
			if (Arrays.equals(seen, 0, common, start, 0, common)) {
				if (length >= start.length) {
					return Verdict.REFUSE;
				}
				couldStillBe = true;
			}
		}
		return couldStillBe ? Verdict.UNDECIDED : Verdict.PASS;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** What the first bytes of a connection say about a PROXY header. */
	enum Verdict {

		REFUSE, PASS, UNDECIDED

	}

}
