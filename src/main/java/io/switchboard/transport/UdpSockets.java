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
	 * Bind a datagram socket, asking for a receive buffer first (the kernel may grant
	 * less).
	 * @param listener how a failure to bind names it ({@code UDP}, {@code UDP echo})
	 * @param settings the prefix of its {@code host} and {@code port} settings
	 * @throws ListenerBindException if it cannot bind: start-up stops naming the setting
	 */
	public static DatagramSocket bind(String listener, String settings, String host, int port, int receiveBufferBytes)
			throws SocketException {
		DatagramSocket socket = new DatagramSocket(null);
		socket.setReceiveBufferSize(receiveBufferBytes);
		try {
			socket.bind(new InetSocketAddress(host, port));
		}
		catch (SocketException ex) {
			socket.close();
			throw ListenerBindException.onPort(listener, settings, host, port, ex);
		}
		return socket;
	}

}
