package io.switchboard.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;

/**
 * A blocking server connection factory that binds at start (a port in use stops start-up)
 * and lets go of a connection as soon as it closes. Spring Integration's keeps closed
 * connections in its table until the next accept (harvesting happens there), so after a
 * burst of disconnects with no newcomer their objects, buffers and senders' entries
 * stayed on the heap (+26 MiB after 3,000).
 */
public final class ReleasingTcpServerConnectionFactory extends TcpNetServerConnectionFactory
		implements ApplicationListener<TcpConnectionCloseEvent> {

	private final String listener;

	private final String settings;

	/** Bound by {@link #start()}, taken by the accept thread. */
	private final AtomicReference<@Nullable ServerSocket> bound = new AtomicReference<>();

	/**
	 * @param listener how a failure to bind names it ({@code TCP echo})
	 * @param settings the prefix of its {@code host} and {@code port} settings
	 */
	public ReleasingTcpServerConnectionFactory(String listener, String settings, int port) {
		super(port);
		this.listener = listener;
		this.settings = settings;
	}

	/**
	 * Binds before starting: the framework's factory binds on its accept thread, where a
	 * port in use is only logged and start-up carries on without the listener.
	 * @throws ListenerBindException if it cannot bind: start-up stops naming the setting
	 */
	@Override
	public void start() {
		if (!isActive()) {
			String host = getLocalAddress();
			try {
				this.bound.set(super.createServerSocket(super.getPort(), getBacklog(),
						(host != null) ? InetAddress.getByName(host) : null));
			}
			catch (IOException ex) {
				throw ListenerBindException.onPort(this.listener, this.settings, String.valueOf(host), super.getPort(),
						ex);
			}
		}
		super.start();
	}

	@Override
	protected ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress whichNic)
			throws IOException {
		ServerSocket socket = this.bound.getAndSet(null);
		return (socket != null) ? socket : super.createServerSocket(port, backlog, whichNic);
	}

	@Override
	public void stop() {
		// Stopped before its accept thread took the socket bound for it.
		ServerSocket untaken = this.bound.getAndSet(null);
		if (untaken != null) {
			try {
				untaken.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		super.stop();
	}

	@Override
	public void onApplicationEvent(TcpConnectionCloseEvent event) {
		if (!getComponentName().equals(event.getConnectionFactoryName())) {
			return;
		}
		TcpConnectionSupport closed;
		this.connectionsMonitor.lock();
		try {
			closed = this.connections.get(event.getConnectionId());
			if (closed == null || closed.isOpen()) {
				return;
			}
			this.connections.remove(event.getConnectionId());
		}
		finally {
			this.connectionsMonitor.unlock();
		}
		// What the framework's own harvest does for each closed connection: senders (an
		// inbound gateway) keep a table of their own.
		for (TcpSender sender : getSenders()) {
			sender.removeDeadConnection(closed);
		}
	}

}
