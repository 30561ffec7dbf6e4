package io.switchboard.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.switchboard.core.LoopInbox;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.RemoteAddress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One connection of a {@link StreamListener}: the socket as a {@link StreamTransport}'s
 * endpoint, the client's address, and the connection's inbox. An idle connection holds no
 * thread, stack or buffer: its reads happen on the listener's event loop.
 * <p>
 * The inbox: what the reads yield (the open, frames, the end) is queued here in order by
 * the event loop and handed to the door one at a time by a thread that exists only while
 * there are some, or taken on the event loop itself when the door does not wait on them.
 * Too many waiting pause reading until the door has caught up, so a client that sends
 * faster than the door takes its messages is held back by TCP's own flow control. The
 * inbox is fields of the connection rather than an object of its own, so an idle
 * connection pays no object for it.
 */
public final class StreamConnection implements StreamTransport.Endpoint {

	private static final Log logger = LogFactory.getLog(StreamConnection.class);

	/** Queued items at which reading pauses until the door has taken them. */
	private static final int PAUSE_READING_AT = 64;

	private final Channel channel;

	private final StreamListener listener;

	private final boolean tls;

	private final long createdNanos = System.nanoTime();

	/** Plain sockets have no handshake; TLS sockets say when theirs completed. */
	private volatile boolean handshaken;

	/** The client's address from a PROXY header; null = the peer's own. */
	private volatile @Nullable InetSocketAddress proxiedClient;

	/** When the socket last delivered bytes ({@link System#nanoTime()}). */
	private volatile long lastReadNanos = this.createdNanos;

	/** When the open line started; 0 when no line is open. */
	private volatile long lineStartedNanos;

	private volatile @Nullable Object attachment;

	/**
	 * What resumes the outbox's drain once output is writable again (event loop only).
	 */
	private @Nullable Runnable whenWritable;

	/** Whether its end (eof, idle, error) was handed to the door. */
	private boolean ending;

	/** Items for the door, null when there are none (no list held while idle). */
	private @Nullable List<Runnable> inbox;

	private boolean handing;

	private boolean paused;

	StreamConnection(Channel channel, StreamListener listener, boolean tls) {
		this.channel = channel;
		this.listener = listener;
		this.tls = tls;
		this.handshaken = !tls;
	}

	/**
	 * What the door keeps with this connection.
	 */
	public @Nullable Object attachment() {
		return this.attachment;
	}

	public void attach(Object attachment) {
		this.attachment = attachment;
	}

	/**
	 * Whether the socket speaks TLS.
	 */
	public boolean isTls() {
		return this.tls;
	}

	/**
	 * Whether a TLS handshake has completed (always true on a plain socket).
	 */
	public boolean isHandshaken() {
		return this.handshaken;
	}

	/**
	 * Whether this connection has been in the middle of a line, or on TLS still in its
	 * handshake, for longer than {@code timeoutNanos}.
	 */
	public boolean isOverdue(long now, long timeoutNanos) {
		if (!this.handshaken) {
			return now - this.createdNanos > timeoutNanos;
		}
		long started = this.lineStartedNanos;
		return started != 0 && now - started > timeoutNanos;
	}

	/**
	 * The client's IP address: from its proxy's PROXY header, else the peer's.
	 */
	public String remoteIp() {
		return clientAddress().getAddress().getHostAddress();
	}

	/**
	 * The client as {@code ip:port} ({@code [ip]:port} for IPv6): from its proxy's PROXY
	 * header, else the peer.
	 */
	public String remoteAddress() {
		InetSocketAddress client = clientAddress();
		return RemoteAddress.format(client.getAddress(), client.getPort());
	}

	/**
	 * Write all bytes. On the event loop (the outbox's drain, {@link #drainExecutor})
	 * they go out at once or wait in the pending output, and {@link #writable} holds the
	 * outbox back above the high-water mark, where its limits and write timeout apply.
	 * From another thread (a refusal, a greeting) the caller waits above the mark.
	 */
	@Override
	public void write(byte[] bytes) throws IOException {
		send(Unpooled.wrappedBuffer(bytes));
	}

	/**
	 * Several lines as one write, copied once into a buffer from the channel's pool; one
	 * line on the event loop through the loop's copy of it ({@link LoopLineBuffer}).
	 */
	@Override
	public void write(List<OutboundLine> lines) throws IOException {
		if (lines.size() == 1) {
			write(lines.getFirst());
			return;
		}
		ByteBuf batch = this.channel.alloc().directBuffer(OutboundLine.length(lines));
		for (OutboundLine line : lines) {
			batch.writeBytes(line.bytes());
		}
		send(batch);
	}

	@Override
	public void write(OutboundLine line) throws IOException {
		if (this.channel.eventLoop().inEventLoop()) {
			send(this.listener.lineBufferOf(this.channel.eventLoop()).bufferFor(line));
			return;
		}
		send(this.channel.alloc().directBuffer(line.length()).writeBytes(line.bytes()));
	}

	private void send(ByteBuf bytes) throws IOException {
		if (!this.channel.isActive()) {
			bytes.release();
			throw new ClosedChannelException();
		}
		if (this.channel.isWritable() || this.channel.eventLoop().inEventLoop()) {
			this.channel.writeAndFlush(bytes, this.channel.voidPromise());
			return;
		}
		ChannelFuture written = this.channel.writeAndFlush(bytes);
		try {
			written.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while writing");
		}
		if (!written.isSuccess()) {
			throw new IOException("write failed: " + written.cause(), written.cause());
		}
	}

	/**
	 * Send FIN (after TLS's close_notify, once there is TLS) once everything written
	 * before has gone out; reading goes on.
	 */
	@Override
	public void shutdownOutput() throws IOException {
		if (!this.channel.isActive()) {
			throw new ClosedChannelException();
		}
		this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((flushed) -> {
			SslHandler ssl = this.channel.pipeline().get(SslHandler.class);
			// Before a handshake there is no TLS to say close_notify over: just the FIN.
			if (ssl != null && this.handshaken) {
				ssl.closeOutbound().addListener((notified) -> halfClose());
			}
			else {
				halfClose();
			}
		});
	}

	@Override
	public void close() {
		this.channel.close();
	}

	/**
	 * The connection's event loop's inbox: its outbox is touched and drained there only,
	 * so a delivery costs no thread hand-off, and drains of the loop's connections run
	 * back to back.
	 */
	@Override
	public LoopInbox drainLoop() {
		return this.listener.inboxOf(this.channel.eventLoop());
	}

	/**
	 * Whether the pending output is below the high-water mark (called on the event loop);
	 * if not, {@code resume} runs when it falls below the low-water mark again.
	 */
	@Override
	public boolean writable(Runnable resume) {
		if (this.channel.isWritable() || !this.channel.isActive()) {
			return true; // a closed channel: the write fails and the outbox ends
		}
		this.whenWritable = resume;
		return false;
	}

	/**
	 * The pending output crossed a water mark (on the event loop).
	 */
	void writabilityChanged() {
		Runnable resume = this.whenWritable;
		if (resume != null && this.channel.isWritable()) {
			this.whenWritable = null;
			resume.run();
		}
	}

	private void halfClose() {
		if (this.channel instanceof DuplexChannel duplex && this.channel.isActive()) {
			duplex.shutdownOutput();
		}
	}

	private InetSocketAddress clientAddress() {
		InetSocketAddress client = this.proxiedClient;
		return (client != null) ? client : (InetSocketAddress) this.channel.remoteAddress();
	}

	// What the listener's handlers tell the connection, on the event loop.

	void proxied(@Nullable InetSocketAddress client) {
		this.proxiedClient = client;
	}

	void handshakeDone() {
		this.handshaken = true;
	}

	void heard() {
		this.lastReadNanos = System.nanoTime();
	}

	long lastReadNanos() {
		return this.lastReadNanos;
	}

	long createdNanos() {
		return this.createdNanos;
	}

	/**
	 * Whether this is the first end seen (the door hears of one only).
	 */
	synchronized boolean endOnce() {
		boolean first = !this.ending;
		this.ending = true;
		return first;
	}

	/**
	 * A line is open at the end of a read (keeps the first start), or none is.
	 */
	void lineOpen(boolean open) {
		if (!open) {
			this.lineStartedNanos = 0;
		}
		else if (this.lineStartedNanos == 0) {
			this.lineStartedNanos = System.nanoTime() | 1;
		}
	}

	Channel channel() {
		return this.channel;
	}

	StreamListener listener() {
		return this.listener;
	}

	// The inbox: the connection's items for its door.

	/**
	 * Queue an item for the door; a virtual thread hands the queue over if none is.
	 */
	void hand(Runnable item) {
		boolean start;
		synchronized (this) {
			if (this.inbox == null) {
				this.inbox = new ArrayList<>(4);
			}
			this.inbox.add(item);
			if (this.inbox.size() >= PAUSE_READING_AT && !this.paused) {
				this.paused = true;
				readingPaused(true);
			}
			start = !this.handing;
			this.handing = true;
		}
		if (start) {
			this.listener.handOver(this::handOver);
		}
	}

	/**
	 * Hand an item to the door on this thread (the event loop) if nothing of the
	 * connection's is queued or being handed over, else queue it behind those. What is
	 * queued while it runs (the connection's close, if the door closed it) waits for it,
	 * then a virtual thread hands that over.
	 */
	void handHere(Runnable item) {
		boolean here;
		synchronized (this) {
			here = !this.handing;
			this.handing = true;
		}
		if (!here) {
			hand(item);
			return;
		}
		take(item);
		boolean more;
		synchronized (this) {
			more = this.inbox != null;
			this.handing = more;
		}
		if (more) {
			this.listener.handOver(this::handOver);
		}
	}

	private void handOver() {
		while (true) {
			List<Runnable> items;
			boolean resume;
			synchronized (this) {
				items = this.inbox;
				this.inbox = null;
				resume = this.paused && items == null;
				if (items == null) {
					this.handing = false;
					this.paused = false;
				}
			}
			if (resume) {
				readingPaused(false);
			}
			if (items == null) {
				return;
			}
			items.forEach(this::take);
		}
	}

	private void take(Runnable item) {
		try {
			item.run();
		}
		catch (RuntimeException ex) {
			logger.error("Connection " + this + ": its door failed", ex);
		}
	}

	/**
	 * Whether items are being handed over now (or one is being taken on the event loop).
	 */
	synchronized boolean isHanding() {
		return this.handing;
	}

	/**
	 * Stop or resume reading the socket.
	 */
	private void readingPaused(boolean paused) {
		this.channel.config().setAutoRead(!paused);
	}

	@Override // for logs
	public String toString() {
		return "from " + remoteAddress();
	}

}
