package io.switchboard.terminal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * UDP chat: answers the server's join challenge by itself (also after a server restart,
 * when the server has forgotten this peer) and sends a heartbeat well within the server's
 * 60s peer timeout.
 */
final class UdpLink implements ServerLink {

	static final long HEARTBEAT_SECONDS = 20;

	private final DatagramSocket socket;

	private final ScheduledExecutorService heartbeat;

	private volatile @Nullable String lastLine;

	private UdpLink(DatagramSocket socket) {
		this.socket = socket;
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
		this.heartbeat.scheduleWithFixedDelay(() -> {
			try {
				this.socket.send(new DatagramPacket(new byte[0], 0));
			}
			catch (IOException ex) {
				// the next receive reports a dead socket
			}
		}, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
	}

	static UdpLink open(String host, int port) throws IOException {
		DatagramSocket socket = new DatagramSocket();
		socket.connect(new InetSocketAddress(host, port));
		UdpLink link = new UdpLink(socket);
		// Six bytes or more: the server answers an unknown address only up to 3x what it
		// sent.
		link.send("/ping");
		return link;
	}

	@Override
	public void send(String line) throws IOException {
		this.lastLine = line;
		transmit(line);
	}

	private void transmit(String line) throws IOException {
		byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
		this.socket.send(new DatagramPacket(bytes, bytes.length));
	}

	@Override
	public @Nullable String receive() throws IOException {
		while (true) {
			byte[] buffer = new byte[65_536];
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			this.socket.receive(packet);
			String text = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8).stripTrailing();
			if (text.startsWith("* /join ")) {
				// A challenge means the server does not know us (first contact, or it
				// restarted) and dropped what we sent: join, then send that line again.
				transmit(text.substring(2));
				String unanswered = this.lastLine;
				if (unanswered != null && !unanswered.equals("/ping")) {
					transmit(unanswered);
				}
				continue;
			}
			return text;
		}
	}

	@Override
	public void close() {
		this.heartbeat.shutdownNow();
		this.socket.close();
	}

}
