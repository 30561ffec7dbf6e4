package io.switchboard.transport;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.switchboard.core.Frame;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a connection's bytes into LF-terminated lines on the event loop, dropping a CR
 * before the LF: the same rules as {@link LineDeserializer}. A line longer than the limit
 * becomes {@link Frame#TOO_LONG} as soon as the limit is passed and the rest of it is
 * skipped, so an endless line costs no memory; a last line without LF before the input
 * ends is still a message. Only a line left open at the end of a read is kept, in a
 * buffer that starts small: a connection between lines holds none. The connection is told
 * when a line is open, for the line timeout.
 */
final class LineCutter extends FrameCutter {

	/** The open line's bytes so far; null when no line is open. */
	private byte @Nullable [] open;

	private int length;

	/** The open line is too long: skip to its LF. */
	private boolean skipping;

	LineCutter(StreamConnection connection, int maxBytes) {
		super(connection, maxBytes);
	}

	@Override
	protected void cut(ByteBuf in) {
		while (in.isReadable()) {
			int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
			if (lf >= 0 && this.open == null && !this.skipping) {
				whole(in, lf - in.readerIndex());
				continue;
			}
			int end = (lf >= 0) ? lf : in.writerIndex();
			take(in, end - in.readerIndex());
			if (lf < 0) {
				break;
			}
			in.skipBytes(1);
			lineEnded();
		}
		this.connection.lineOpen(this.open != null || this.skipping);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		if (event instanceof ChannelInputShutdownEvent && this.open != null && !this.skipping) {
			emit(Arrays.copyOf(this.open, this.length)); // the last line, without LF
			this.open = null;
			this.length = 0;
		}
		context.fireUserEventTriggered(event);
	}

	/**
	 * A whole line of {@code n} bytes and its LF, the usual case: copied once.
	 */
	private void whole(ByteBuf in, int n) {
		int length = (n > 0 && in.getByte(in.readerIndex() + n - 1) == '\r') ? n - 1 : n;
		if (length > this.maxBytes) {
			in.skipBytes(n + 1);
			emit(Frame.TOO_LONG);
			return;
		}
		byte[] line = new byte[length];
		in.readBytes(line);
		in.skipBytes(n - length + 1);
		emit(line);
	}

	/**
	 * Add {@code n} bytes of the line (no LF among them).
	 */
	private void take(ByteBuf in, int n) {
		if (this.skipping || n == 0) {
			in.skipBytes(n);
			return;
		}
		// One byte over the limit may still be the CR of a CRLF.
		if (this.length + n > this.maxBytes + 1) {
			in.skipBytes(n);
			this.open = null;
			this.length = 0;
			this.skipping = true;
			emit(Frame.TOO_LONG);
			return;
		}
		byte[] line = this.open;
		if (line == null) {
			line = new byte[Math.min(Math.max(n, 128), this.maxBytes + 1)];
		}
		else if (line.length < this.length + n) {
			line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, this.length + n), this.maxBytes + 1));
		}
		in.readBytes(line, this.length, n);
		this.open = line;
		this.length += n;
	}

	private void lineEnded() {
		if (this.skipping) {
			this.skipping = false;
			return;
		}
		byte[] line = this.open;
		int n = this.length;
		this.open = null;
		this.length = 0;
		if (n > 0 && line[n - 1] == '\r') {
			n--;
		}
		if (n > this.maxBytes) {
			emit(Frame.TOO_LONG);
			return;
		}
		emit((line == null) ? new byte[0] : (line.length == n) ? line : Arrays.copyOf(line, n));
	}

	private void emit(byte[] line) {
		emit(Frame.of(line));
	}

}
