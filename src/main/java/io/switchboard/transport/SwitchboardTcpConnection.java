package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSocket;

import io.switchboard.client.RemoteAddress;
import io.switchboard.transport.StreamTransport;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A {@link TcpNetConnection} fixed for a chat server. Reads are buffered (the framework's
 * deserializers read a byte at a time, a syscall each on a raw socket stream), in a
 * buffer that stays small while the client is quiet. Writes go straight to the socket:
 * the framework's {@code send} keeps a buffer as large as SO_SNDBUF (hundreds of KiB) per
 * connection, and clients are written by their outbox with lines already coalesced.
 */
public final class SwitchboardTcpConnection extends TcpNetConnection implements StreamTransport.Endpoint {

	private final Socket socket;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final long lineTimeoutMillis;

	private volatile @Nullable GrowingBufferedInputStream buffered;

	private final long createdNanos = System.nanoTime();

	/** Plain sockets have no handshake; TLS sockets say when theirs completed. */
	private volatile boolean handshaken;

	/**
	 * @param lineTimeoutMillis how long a started line may take to end; 0 = no limit
	 */
	public SwitchboardTcpConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName, long lineTimeoutMillis) {
		super(socket, server, lookupHost, publisher, factoryName);
		this.socket = socket;
		this.lineTimeoutMillis = lineTimeoutMillis;
		this.handshaken = !(socket instanceof SSLSocket);
		if (socket instanceof SSLSocket tls) {
			tls.addHandshakeCompletedListener((event) -> this.handshaken = true);
		}
	}

	/**
	 * Whether a TLS handshake has completed (always true on a plain socket).
	 */
	public boolean isHandshaken() {
		return this.handshaken;
	}

	/**
	 * Whether this connection has been in the middle of a line, or on TLS still in its
	 * handshake, for longer than {@code timeoutNanos}. The read itself enforces the line
	 * timeout on plain sockets; a TLS socket reads a whole record per read, so a client
	 * trickling a record byte by byte is only seen from outside, by this check.
	 */
	public boolean isOverdue(long now, long timeoutNanos) {
		if (!this.handshaken) {
			return now - this.createdNanos > timeoutNanos;
		}
		GrowingBufferedInputStream in = this.buffered;
		long started = (in != null) ? in.lineStartedNanos() : 0;
		return started != 0 && now - started > timeoutNanos;
	}

	@Override
	protected InputStream inputStream() throws IOException {
		// Only the connection's reader thread calls this.
		GrowingBufferedInputStream in = this.buffered;
		if (in == null) {
			in = new GrowingBufferedInputStream(super.inputStream(), this.socket, this.lineTimeoutMillis);
			this.buffered = in;
		}
		return in;
	}

	/**
	 * A peer that resets or vanishes is routine for a chat server: log it at debug, not
	 * as the framework's ERROR. Why a client left is counted in
	 * {@code switchboard.connections.closed}.
	 */
	@Override
	protected boolean handleReadException(Exception exception) {
		setNoReadErrorOnClose(true);
		return super.handleReadException(exception);
	}

	/**
	 * Write bytes to the socket, blocking until the kernel took them all.
	 */
	@Override
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

	public String remoteIp() {
		return this.socket.getInetAddress().getHostAddress();
	}

	/**
	 * The peer as {@code ip:port} ({@code [ip]:port} for IPv6).
	 */
	public String remoteAddress() {
		return RemoteAddress.format(this.socket.getInetAddress(), this.socket.getPort());
	}

}
