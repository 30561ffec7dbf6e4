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
	 */
	public static DatagramSocket bind(String host, int port, int receiveBufferBytes) throws SocketException {
		DatagramSocket socket = new DatagramSocket(null);
		socket.setReceiveBufferSize(receiveBufferBytes);
		socket.bind(new InetSocketAddress(host, port));
		return socket;
	}

}
