package io.switchboard.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.MessagePart;
import org.apache.tomcat.websocket.Transformation;
import org.apache.tomcat.websocket.TransformationResult;
import org.jspecify.annotations.Nullable;

/**
 * Sees every frame of one WebSocket connection inside Tomcat, where the door would
 * otherwise see only text messages: pings, pongs, fragments and empty frames are counted
 * against the client's flood control, a message not finished in time is noticed, and a
 * ping is answered off Tomcat's worker thread. It sits at the head of the connection's
 * transformation chain, the place Tomcat gives extensions such as
 * {@code permessage-deflate} ({@link GuardedUpgradeHandler} puts it there).
 * <p>
 * Tomcat answers a ping on the worker thread that read it, with a blocking send: a client
 * that pings and never reads held that worker, one of the HTTP port's 8, for the send
 * timeout, and 16 such clients froze health checks and new handshakes. Here the pong is
 * taken out of that send and written by a virtual thread of this connection instead; if
 * pings arrive faster than pongs can be written, only the latest is answered (RFC 6455,
 * 5.5.3 allows it), so a client that does not read holds one pong and one parked virtual
 * thread, and is cut by its flood control or the send timeout.
 */
final class FrameGuard implements Transformation {

	/** Where Tomcat's session keeps its guard (a user property). */
	static final String KEY = FrameGuard.class.getName();

	/**
	 * How long Tomcat's worker may wait to send the close frame that answers a client's
	 * close, as long as Tomcat itself gives the close of a failed connection: a client
	 * that closes without reading cannot hold the worker for the session's send timeout.
	 */
	static final long CLOSE_REPLY_MILLIS = 50;

	private static final String BLOCKING_SEND_TIMEOUT = Constants.BLOCKING_SEND_TIMEOUT_PROPERTY;

	private static final long NONE = Long.MIN_VALUE;

	private static final Log logger = LogFactory.getLog(FrameGuard.class);

	private final @Nullable Transformation inner;

	private @Nullable Transformation next;

	private volatile @Nullable Frames frames;

	private volatile @Nullable Session session;

	/** When the unfinished frame or message began (System.nanoTime), or NONE. */
	private volatile long unfinishedSince = NONE;

	// Read and written by the container's thread that reads this connection, one at a
	// time.
	private long frameBytes;

	private boolean messageOpen;

	private boolean answerPing;

	private final AtomicReference<@Nullable ByteBuffer> pendingPong = new AtomicReference<>();

	/** This connection's pong writer while it runs: its pongs are not taken again. */
	private volatile @Nullable Thread ponger;

	/**
	 * @param inner the transformations Tomcat negotiated (none: the door declines
	 * extensions), which then run after this one
	 */
	FrameGuard(@Nullable Transformation inner) {
		this.inner = inner;
		this.next = inner;
	}

	/**
	 * Start reporting this connection's frames to the door.
	 * @param session the container's session, which sends the pongs
	 */
	void bind(Frames frames, Session session) {
		this.session = session;
		this.frames = frames;
	}

	/**
	 * How long the frame or fragmented message that is arriving has been arriving.
	 * @return nanoseconds, or 0 if none is
	 */
	long unfinishedNanos(long now) {
		long since = this.unfinishedSince;
		return (since == NONE) ? 0 : Math.max(0, now - since);
	}

	@Override
	public TransformationResult getMoreData(byte opCode, boolean fin, int rsv, ByteBuffer dest) throws IOException {
		if (this.unfinishedSince == NONE) {
			this.unfinishedSince = System.nanoTime();
		}
		int before = dest.position();
		TransformationResult result = next().getMoreData(opCode, fin, rsv, dest);
		this.frameBytes += dest.position() - before;
		if (result == TransformationResult.END_OF_FRAME) {
			long bytes = this.frameBytes;
			this.frameBytes = 0;
			if (!isControl(opCode)) {
				this.messageOpen = !fin;
			}
			if (!this.messageOpen) {
				this.unfinishedSince = NONE;
			}
			ended(opCode, fin, bytes);
		}
		return result;
	}

	private void ended(byte opCode, boolean fin, long bytes) {
		Frames listener = this.frames;
		boolean passed = listener == null || listener.received(opCode, fin, (int) Math.min(Integer.MAX_VALUE, bytes));
		if (opCode == Constants.OPCODE_PING) {
			// Tomcat sends the pong next, on this thread (see sendMessagePart).
			this.answerPing = passed && listener != null;
		}
		else if (opCode == Constants.OPCODE_CLOSE) {
			Session current = this.session;
			if (current != null) {
				// Tomcat answers on this thread next, with the session's send timeout.
				current.getUserProperties().put(BLOCKING_SEND_TIMEOUT, CLOSE_REPLY_MILLIS);
			}
		}
	}

	/**
	 * Takes Tomcat's pong out of the parts it is about to send on its worker, and hands
	 * it to this connection's pong writer.
	 */
	@Override
	public List<MessagePart> sendMessagePart(List<MessagePart> messageParts) throws IOException {
		List<MessagePart> parts = messageParts;
		if (Thread.currentThread() != this.ponger) {
			for (MessagePart part : messageParts) {
				if (part.getOpCode() == Constants.OPCODE_PONG) {
					if (parts == messageParts) {
						parts = new ArrayList<>(messageParts);
					}
					parts.remove(part);
					if (this.answerPing) {
						this.answerPing = false;
						pong(part.getPayload());
					}
				}
			}
			if (parts.isEmpty()) {
				return parts; // nothing to send: Tomcat returns at once
			}
		}
		return next().sendMessagePart(parts);
	}

	private void pong(ByteBuffer payload) {
		ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip();
		if (this.pendingPong.getAndSet(copy) == null) {
			Thread.ofVirtual().name("websocket-pong").start(this::sendPongs);
		}
	}

	/**
	 * Sends the latest pong until none is pending: one writer per connection at a time.
	 */
	private void sendPongs() {
		Session current = this.session;
		ByteBuffer pong;
		while (current != null && (pong = this.pendingPong.get()) != null) {
			try {
				current.getBasicRemote().sendPong(pong.duplicate());
			}
			catch (IOException | RuntimeException ex) {
				// The session is closed (Tomcat closes it when a send fails or times
				// out).
				logger.debug("Could not send a pong to WebSocket " + current.getId() + ": " + ex);
				this.pendingPong.set(null);
				return;
			}
			if (this.pendingPong.compareAndSet(pong, null)) {
				return;
			}
		}
	}

	private static boolean isControl(byte opCode) {
		return (opCode & 0x08) != 0;
	}

	private Transformation next() {
		Transformation following = this.next;
		if (following == null) {
			throw new IllegalStateException("FrameGuard used before Tomcat completed its transformation chain");
		}
		return following;
	}

	@Override
	public void setNext(Transformation t) {
		if (this.inner != null) {
			this.inner.setNext(t);
		}
		else {
			this.next = t;
		}
	}

	@Override
	public boolean validateRsvBits(int i) {
		return (this.inner == null) || this.inner.validateRsvBits(i);
	}

	@Override
	public @Nullable Extension getExtensionResponse() {
		return null; // no extension of its own: it negotiates nothing
	}

	@Override
	public boolean validateRsv(int rsv, byte opCode) {
		return next().validateRsv(rsv, opCode);
	}

	@Override
	public void close() {
		Transformation following = this.next;
		if (following != null) {
			following.close();
		}
	}

	/**
	 * What the door does with each frame a client finished sending.
	 */
	@FunctionalInterface
	interface Frames {

		/**
		 * Called on the container's thread that reads the connection, one frame at a
		 * time.
		 * @param opCode the frame's opcode (RFC 6455, 5.2; a continuation is 0)
		 * @param fin whether it ends its message
		 * @param bytes its payload's length
		 * @return false if it was refused (a refused ping is not answered)
		 */
		boolean received(byte opCode, boolean fin, int bytes);

	}

}
