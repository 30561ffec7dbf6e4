package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.switchboard.core.OutboundLine;
import org.jspecify.annotations.Nullable;

/**
 * The line an event loop last wrote alone, copied once into a direct buffer that every
 * connection of the loop writing the same line reads through a duplicate of its own. A
 * room's fan-out gives all its members of one dialect the same {@link OutboundLine}, and
 * a loop writes its share of them back to back: without this each member's write took a
 * buffer from the pool and copied the line into it (19,000 copies of one line in a big
 * room); with it, one copy per loop per line. Touched on its loop only.
 */
final class LoopLineBuffer {

	private @Nullable OutboundLine line;

	private @Nullable ByteBuf bytes;

	/**
	 * The line in a buffer for one write, which the write releases.
	 */
	ByteBuf bufferFor(OutboundLine line) {
		ByteBuf shared = this.bytes;
		if (line != this.line || shared == null) {
			if (shared != null) {
				shared.release();
			}
			// From the pooled allocator, not the channel's (adaptive) one: a pooled
			// buffer's duplicates come from a recycler, the adaptive one's are a new
			// object per write (19,000 a line).
			shared = PooledByteBufAllocator.DEFAULT.directBuffer(line.length()).writeBytes(line.bytes());
			this.bytes = shared;
			this.line = line;
		}
		return shared.retainedDuplicate();
	}

	/**
	 * Let go of the buffer (the loop is stopping).
	 */
	void release() {
		ByteBuf shared = this.bytes;
		this.bytes = null;
		this.line = null;
		if (shared != null) {
			shared.release();
		}
	}

}
