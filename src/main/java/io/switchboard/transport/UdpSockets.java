package io.switchboard.transport;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.Executor;

import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

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

	/**
	 * The adapter hands its receive loop and then every datagram to its executor; a pool
	 * would reorder one sender's datagrams. This runs the loop on its own thread and each
	 * datagram inline on it.
	 */
	public static Executor receiveLoopThenInline(String threadName) {
		return (task) -> {
			if (task instanceof UnicastReceivingChannelAdapter) {
				Thread.ofPlatform().name(threadName).daemon().start(task);
			}
			else {
				task.run();
			}
		};
	}

}
