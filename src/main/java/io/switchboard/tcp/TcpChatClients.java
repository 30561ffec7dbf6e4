package io.switchboard.tcp;

import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Event;
import io.switchboard.core.Frame;
import io.switchboard.core.Protocol;
import io.switchboard.core.SwitchboardMetrics;
import io.switchboard.transport.ProxyHeaderException;
import io.switchboard.transport.StreamConnection;
import io.switchboard.transport.StreamDoor;
import io.switchboard.transport.StreamLifecycle;
import io.switchboard.transport.StreamListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Binds the chat listener's TCP connections to the shared stream lifecycle: the
 * listener's connection steps and its frames become the lifecycle's steps. A trusted
 * proxy's connection opens once its PROXY header is read, and is admitted with the
 * address the header names; a bad one refuses the connection.
 */
final class TcpChatClients implements StreamDoor {

	private static final Log logger = LogFactory.getLog(TcpChatClients.class);

	private static final Event PROXY_REFUSED = Event
		.failure("PROXY header refused: your address is not a trusted proxy");

	private final ChatHub hub;

	private final ScheduledExecutorService scheduler;

	private final SwitchboardMetrics metrics;

	/** How long a started line may take (line framing); 0 = no limit. */
	private final long lineTimeoutNanos;

	TcpChatClients(ChatHub hub, ScheduledExecutorService scheduler, SwitchboardMetrics metrics, long lineTimeoutNanos) {
		this.hub = hub;
		this.scheduler = scheduler;
		this.metrics = metrics;
		this.lineTimeoutNanos = lineTimeoutNanos;
	}

	@Override
	public void opened(StreamConnection connection) {
		StreamLifecycle lifecycle = lifecycle(connection);
		lifecycle.open(connection.remoteAddress(), connection.remoteIp());
	}

	/**
	 * A trusted proxy's connection without a valid header: never admitted. The proxy (and
	 * its client) is told why, except on TLS, where a plain line would break the
	 * handshake.
	 */
	@Override
	public void proxyHeaderFailed(StreamConnection connection, ProxyHeaderException failure) {
		StreamLifecycle lifecycle = lifecycle(connection);
		CloseReason reason = failure.reason();
		this.metrics.closed(Protocol.TCP, reason);
		logger.warn("Refused a connection from trusted proxy " + connection.remoteAddress() + " (" + reason.tag()
				+ "): " + failure.getMessage());
		lifecycle
			.refuse(connection.isTls() ? null : this.hub.lineDialect().render(Event.failure(failure.getMessage())));
	}

	@Override
	public void proxyHeaderRefused(StreamConnection connection) {
		ClientSession session = lifecycle(connection).session();
		if (session != null) {
			session.close(CloseReason.PROXY_REFUSED, PROXY_REFUSED);
		}
	}

	/**
	 * A chat line of an admitted client, on a node alone: the hub fans it out without
	 * waiting on anything (commands may: {@code /auth}'s token check).
	 */
	@Override
	public boolean takesAtOnce(StreamConnection connection, Frame frame) {
		return this.hub.handlesAtOnce(frame.bytes()) && connection.attachment() instanceof StreamLifecycle lifecycle
				&& lifecycle.session() != null;
	}

	@Override
	public @Nullable ClientSession session(StreamConnection connection) {
		return (connection.attachment() instanceof StreamLifecycle lifecycle) ? lifecycle.session() : null;
	}

	@Override
	public void ended(StreamConnection connection, CloseReason reason, @Nullable Throwable cause) {
		lifecycle(connection).ended(reason, cause);
	}

	@Override
	public void closed(StreamConnection connection) {
		lifecycle(connection).closed();
	}

	/**
	 * Close a connection in the middle of a line (or of a TLS handshake) for longer than
	 * the line timeout. See {@link StreamConnection#isOverdue}.
	 */
	@Override
	public void swept(StreamConnection connection, long now) {
		if (this.lineTimeoutNanos <= 0 || !(connection.attachment() instanceof StreamLifecycle lifecycle)) {
			return;
		}
		ClientSession session = lifecycle.session();
		if (session != null && !session.isClosing() && connection.isOverdue(now, this.lineTimeoutNanos)) {
			if (connection.isHandshaken()) {
				this.hub.lineNotFinished(session);
			}
			else {
				session.abort(CloseReason.LINE_TIMEOUT); // no TLS to say it over
			}
		}
	}

	/**
	 * The connection's lifecycle, made at its first step (known before it is admitted: a
	 * close during the greeting's write finds it).
	 */
	private StreamLifecycle lifecycle(StreamConnection connection) {
		if (connection.attachment() instanceof StreamLifecycle known) {
			return known;
		}
		StreamLifecycle lifecycle = new StreamLifecycle(this.hub, Protocol.TCP, connection, this.scheduler);
		connection.attach(lifecycle);
		return lifecycle;
	}

}
