package io.switchboard.transport;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * Socket set-up shared by the UDP listeners (chat and echo).
 */
public final class UdpSockets {

	private UdpSockets() {
	}

	/**
	 * A datagram socket not yet bound to any port, with the receive buffer asked for (the
	 * kernel may grant less): a listener's bean holds it from the context's refresh, and
	 * its adapter binds it when it starts ({@link #bind}), so a context that only
	 * refreshes (the image's AOT training run, {@code -Dspring.context.exit=onRefresh})
	 * takes no port.
	 */
	public static DatagramSocket unbound(int receiveBufferBytes) throws SocketException {
		DatagramSocket socket = new DatagramSocket(null);
		try {
			socket.setReceiveBufferSize(receiveBufferBytes);
		}
		catch (SocketException ex) {
			socket.close();
			throw ex;
		}
		return socket;
	}

	/**
	 * Bind a socket made by {@link #unbound}.
	 * @param listener how a failure to bind names it ({@code UDP}, {@code UDP echo})
	 * @param settings the prefix of its {@code host} and {@code port} settings
	 * @throws ListenerBindException if it cannot bind: start-up stops naming the setting
	 */
	public static void bind(DatagramSocket socket, String listener, String settings, String host, int port) {
		try {
			socket.bind(new InetSocketAddress(host, port));
		}
		catch (SocketException ex) {
			socket.close();
			throw ListenerBindException.onPort(listener, settings, host, port, ex);
		}
	}

}
