package io.switchboard.tcp;

import java.io.IOException;
import java.net.Socket;

import io.switchboard.transport.SwitchboardTcpConnectionSupport.SocketSetup;
import io.switchboard.transport.TlsSupport;
import jdk.net.ExtendedSocketOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Prepares each socket the chat port accepts: keep-alive timing, then TLS when given a
 * {@link TlsSupport}.
 */
final class ChatSocketSetup implements SocketSetup {

	private static final Log logger = LogFactory.getLog(ChatSocketSetup.class);

	private final @Nullable TlsSupport tls;

	private final TcpProperties.KeepAlive keepAlive;

	ChatSocketSetup(@Nullable TlsSupport tls, TcpProperties.KeepAlive keepAlive) {
		this.tls = tls;
		this.keepAlive = keepAlive;
	}

	@Override
	public Socket prepare(Socket accepted) throws IOException {
		applyKeepAlive(accepted);
		return (this.tls != null) ? this.tls.wrap(accepted) : accepted;
	}

	/**
	 * The kernel's defaults (2 hours idle, then 9 probes 75 s apart on Linux) keep a peer
	 * that vanished without a FIN listed for over two hours; these find it within idle +
	 * interval x count, without a line the client could see.
	 */
	private void applyKeepAlive(Socket socket) {
		try {
			socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, (int) this.keepAlive.idle().toSeconds());
			socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, (int) this.keepAlive.interval().toSeconds());
			socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, this.keepAlive.count());
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.debug("Keep-alive timing not set on " + socket + ": " + ex);
		}
	}

}
