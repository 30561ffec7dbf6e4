package io.switchboard.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

import io.switchboard.client.ClientTransport;
import io.switchboard.client.OutboundLine;

/**
 * Sends a UDP member each line as one datagram from the chat socket; "closing" just
 * forgets the peer, since UDP has no connection.
 */
final class UdpTransport implements ClientTransport {

	private final DatagramSocket socket;

	private final InetSocketAddress peer;

	private final Runnable forget;

	UdpTransport(DatagramSocket socket, InetSocketAddress peer, Runnable forget) {
		this.socket = socket;
		this.peer = peer;
		this.forget = forget;
	}

	@Override
	public void write(List<OutboundLine> lines) throws IOException {
		for (OutboundLine line : lines) {
			this.socket.send(new DatagramPacket(line.bytes(), line.length(), this.peer));
		}
	}

	@Override
	public void closeGracefully() {
		this.forget.run();
	}

	@Override
	public void abort() {
		this.forget.run();
	}

}
