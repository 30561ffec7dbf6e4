package io.switchboard.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.util.List;

import io.switchboard.core.ClientTransport;
import io.switchboard.core.OutboundLine;

/**
 * Sends a datagram member (UDP or Unix datagram) each line as one datagram from the
 * listener's socket, so replies come from the port it wrote to; "closing" just forgets
 * the peer, since there is no connection.
 */
public final class DatagramTransport implements ClientTransport {

	private final DatagramSocket socket;

	private final SocketAddress peer;

	private final Runnable forget;

	public DatagramTransport(DatagramSocket socket, SocketAddress peer, Runnable forget) {
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
