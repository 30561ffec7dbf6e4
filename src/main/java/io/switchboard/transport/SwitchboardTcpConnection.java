package io.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSocket;

import io.switchboard.client.RemoteAddress;
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
 * connection, and clients are written by their outbox with lines already coalesced. With
 * a {@link ProxyProtocol}, a trusted peer's PROXY header is read first
 * ({@link #readProxyHeader}) and its source is the client's address; a header anywhere
 * else is refused ({@link ProxyHeaderGuard}).
 */
public final class SwitchboardTcpConnection extends TcpNetConnection implements StreamTransport.Endpoint {

	private final Socket socket;

	/** The accepted socket: {@link #socket} itself, or the one beneath its TLS. */
	private final Socket accepted;

	private final @Nullable ProxyProtocol proxy;

	private volatile Runnable proxyHeaderRefused = this::close;

	/** The client's address from a PROXY header; null = the peer's own. */
	private volatile @Nullable InetSocketAddress proxiedClient;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final long lineTimeoutMillis;

	private volatile @Nullable GrowingBufferedInputStream buffered;

	private final long createdNanos = System.nanoTime();

	/** Plain sockets have no handshake; TLS sockets say when theirs completed. */
	private volatile boolean handshaken;

	/**
	 * @param socket the socket to read and write (TLS over {@code accepted}, or it)
	 * @param accepted the socket the listener accepted
	 * @param proxy the listener's PROXY protocol; null = not a chat listener (no header
	 * is read nor refused)
	 * @param lineTimeoutMillis how long a started line may take to end; 0 = no limit
	 */
	public SwitchboardTcpConnection(Socket socket, Socket accepted, @Nullable ProxyProtocol proxy, boolean server,
			boolean lookupHost, @Nullable ApplicationEventPublisher publisher, @Nullable String factoryName,
			long lineTimeoutMillis) {
		super(socket, server, lookupHost, publisher, factoryName);
		this.socket = socket;
		this.accepted = accepted;
		this.proxy = proxy;
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

	/**
	 * Whether the socket speaks TLS.
	 */
	public boolean isTls() {
		return this.socket instanceof SSLSocket;
	}

	/**
	 * If the peer is a trusted proxy, read its PROXY header: call on the reader thread
	 * before anything else is read or written (on TLS the header precedes the handshake).
	 * @return the header, or null if the peer is not a trusted proxy
	 * @throws ProxyHeaderException if no valid header came within the timeout
	 * @throws IOException if the connection failed
	 */
	public @Nullable ProxyHeader readProxyHeader() throws IOException {
		if (this.proxy == null || !this.proxy.expectsHeaderFrom(this.accepted.getInetAddress())) {
			return null;
		}
		ProxyHeader header = ProxyHeader.read(this.accepted, this.proxy.mode());
		this.proxiedClient = header.source();
		return header;
	}

	/**
	 * What to do when a PROXY header arrives where none is expected (by default: close).
	 * It runs on the reader thread, which then drops the connection's input until it
	 * ends.
	 */
	public void onProxyHeaderRefused(Runnable refused) {
		this.proxyHeaderRefused = refused;
	}

	@Override
	protected InputStream inputStream() throws IOException {
		// Only the connection's reader thread calls this.
		GrowingBufferedInputStream in = this.buffered;
		if (in == null) {
			InputStream raw = super.inputStream();
			if (this.proxy != null) {
				raw = new ProxyHeaderGuard(raw, () -> this.proxyHeaderRefused.run());
			}
			in = new GrowingBufferedInputStream(raw, this.socket, this.lineTimeoutMillis);
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

	/**
	 * The client's IP address: from its proxy's PROXY header, else the peer's.
	 */
	public String remoteIp() {
		InetSocketAddress client = this.proxiedClient;
		return ((client != null) ? client.getAddress() : this.socket.getInetAddress()).getHostAddress();
	}

	/**
	 * The client as {@code ip:port} ({@code [ip]:port} for IPv6): from its proxy's PROXY
	 * header, else the peer.
	 */
	public String remoteAddress() {
		InetSocketAddress client = this.proxiedClient;
		return (client != null) ? RemoteAddress.format(client.getAddress(), client.getPort())
				: RemoteAddress.format(this.socket.getInetAddress(), this.socket.getPort());
	}

}
