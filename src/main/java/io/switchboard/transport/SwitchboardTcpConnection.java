package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A {@link TcpNetConnection} fixed for the TCP echo service (the chat and IRC doors read
 * on an event loop instead, see {@link StreamListener}). Reads are buffered (the
 * framework's deserializers read a byte at a time, a syscall each on a raw socket
 * stream), in a buffer that stays small while the client is quiet. Writes go straight to
 * the socket: the framework's {@code send} keeps a buffer as large as SO_SNDBUF (hundreds
 * of KiB) per connection.
 */
public final class SwitchboardTcpConnection extends TcpNetConnection {

	private final Socket socket;

	private final ReentrantLock writeLock = new ReentrantLock();

	private volatile @Nullable GrowingBufferedInputStream buffered;

	public SwitchboardTcpConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		super(socket, server, lookupHost, publisher, factoryName);
		this.socket = socket;
	}

	@Override
	protected InputStream inputStream() throws IOException {
		// Only the connection's reader thread calls this.
		GrowingBufferedInputStream in = this.buffered;
		if (in == null) {
			in = new GrowingBufferedInputStream(super.inputStream());
			this.buffered = in;
		}
		return in;
	}

	/**
	 * A peer that resets or vanishes is routine: log it at debug, not as the framework's
	 * ERROR.
	 */
	@Override
	protected boolean handleReadException(Exception exception) {
		setNoReadErrorOnClose(true);
		return super.handleReadException(exception);
	}

	/**
	 * Write bytes to the socket, blocking until the kernel took them all.
	 */
	public void write(byte[] bytes) throws IOException {
		this.writeLock.lock();
		try {
			OutputStream out = this.socket.getOutputStream();
			out.write(bytes);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Used by gateways (the echo service): writes a {@code byte[]} payload as it is.
	 */
	@Override
	public void send(Message<?> message) {
		Object payload = message.getPayload();
		byte[] bytes = (payload instanceof byte[] raw) ? raw : payload.toString().getBytes(StandardCharsets.UTF_8);
		try {
			write(bytes);
		}
		catch (IOException ex) {
			close();
			throw new MessagingException(message, "Send failed on " + getConnectionId(), ex);
		}
	}

}
