package io.switchboard.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.core.Admission;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Dialect;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.Protocol;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * One stream connection's life with the hub, the same for every stream door (TCP, Unix
 * stream, IRC): admit or refuse (a refused client is told why, closed with FIN, and its
 * input drained and ignored), the reason it ended, leaving its room once it was told
 * goodbye, and being forgotten once its socket is closed. A door supplies only its I/O:
 * the endpoint, and calls to these methods when its reader opens, fails or ends; its
 * frames go to the hub through the door's flow, with {@link #session} in their header.
 */
public final class StreamLifecycle {

	private static final Log logger = LogFactory.getLog(StreamLifecycle.class);

	private final ChatHub hub;

	private final Protocol protocol;

	private final StreamTransport.Endpoint endpoint;

	private final StreamTransport transport;

	private @Nullable ClientSession session;

	private boolean closed;

	public StreamLifecycle(ChatHub hub, Protocol protocol, StreamTransport.Endpoint endpoint,
			ScheduledExecutorService scheduler) {
		this.hub = hub;
		this.protocol = protocol;
		this.endpoint = endpoint;
		this.transport = new StreamTransport(endpoint, scheduler, this::told);
	}

	/**
	 * Admit the client in the line protocol.
	 * @return the session, or null if it was refused
	 */
	public @Nullable ClientSession open(String remoteAddress, @Nullable String ip) {
		return open(remoteAddress, ip, this.hub.lineDialect());
	}

	/**
	 * Admit the client, which speaks {@code dialect}.
	 * @return the session, or null if it was refused
	 */
	public @Nullable ClientSession open(String remoteAddress, @Nullable String ip, Dialect dialect) {
		Admission admission = this.hub.connect(this.protocol, remoteAddress, ip, this.transport, dialect, null, null);
		ClientSession admitted = admission.session();
		if (admitted == null) {
			refuse(admission.refusal());
			return null;
		}
		boolean closedMeanwhile;
		synchronized (this) {
			this.session = admitted;
			closedMeanwhile = this.closed;
		}
		if (closedMeanwhile) {
			// The greeting's write failed and the socket closed before the session was
			// known here: the close came once, and found nothing to forget.
			admitted.markClosing(CloseReason.ERROR);
			this.hub.disconnected(admitted);
		}
		return admitted;
	}

	/**
	 * The reader ended for this reason ({@code eof}, {@code idle}, {@code error}), if no
	 * other reason was recorded first.
	 */
	public void ended(CloseReason reason, @Nullable Throwable cause) {
		ClientSession current = session();
		if (current != null && current.markClosing(reason) && reason == CloseReason.ERROR) {
			logger.debug("Connection " + current + " failed: " + cause);
		}
	}

	/**
	 * The reader failed: the end of the stream ({@code eof}), the socket's read timeout
	 * ({@code idle}), or an error.
	 */
	public void failed(Throwable failure) {
		Throwable cause = (failure instanceof UncheckedIOException unchecked) ? unchecked.getCause() : failure;
		ended((cause instanceof SoftEndOfStreamException) ? CloseReason.EOF
				: (cause instanceof SocketTimeoutException) ? CloseReason.IDLE : CloseReason.ERROR, cause);
	}

	/**
	 * The socket is closed: forget the client (once).
	 */
	public void closed() {
		ClientSession current;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			current = this.session;
		}
		if (current != null) {
			current.markClosing(CloseReason.EOF);
			this.hub.disconnected(current);
		}
	}

	public synchronized @Nullable ClientSession session() {
		return this.session;
	}

	/**
	 * The client was told goodbye and sent FIN: it leaves its room now, not when its peer
	 * gets round to closing.
	 */
	private void told() {
		ClientSession current = session();
		if (current != null) {
			this.hub.leaveRoom(current);
		}
	}

	/**
	 * Refuse the client before it was admitted (the door's own reasons, e.g. a bad PROXY
	 * header): tell it {@code refusal} if given, close with FIN, drain and ignore its
	 * input.
	 */
	public void refuse(@Nullable OutboundLine refusal) {
		if (refusal != null) {
			try {
				// A fresh socket's send buffer takes a short line without blocking.
				this.endpoint.write(refusal.bytes());
			}
			catch (IOException ex) {
				logger.debug("Could not tell a " + this.protocol.tag() + " client it was refused: " + ex);
			}
		}
		this.transport.closeGracefully();
	}

}
