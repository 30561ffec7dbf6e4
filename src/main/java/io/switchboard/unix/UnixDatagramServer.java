package io.switchboard.unix;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.switchboard.client.ClientSession;
import io.switchboard.client.ClientTransport;
import io.switchboard.client.DatagramTransport;
import io.switchboard.client.CloseReason;
import io.switchboard.client.OutboundLine;
import io.switchboard.client.Protocol;
import io.switchboard.hub.Admission;
import io.switchboard.hub.ChatHub;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import org.springframework.context.SmartLifecycle;

/**
 * The Unix datagram listener (junixsocket: the JDK has no Unix datagram sockets). Like
 * UDP, one datagram is one message and a member's lines arrive as one datagram each; a
 * sender must bind its own socket file to get replies. There is no join handshake: source
 * addresses cannot be forged across the owner-only socket file. Members silent for
 * {@code switchboard.udp.peer-timeout} are dropped.
 */
public final class UnixDatagramServer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(UnixDatagramServer.class);

	private final Path path;

	private final ChatHub hub;

	private final int maxMessageBytes;

	private final long peerTimeoutMillis;

	private final Map<SocketAddress, ClientSession> members = new ConcurrentHashMap<>();

	private volatile @Nullable AFUNIXDatagramSocket socket;

	UnixDatagramServer(Path path, ChatHub hub, int maxMessageBytes, long peerTimeoutMillis) {
		this.path = path;
		this.hub = hub;
		this.maxMessageBytes = maxMessageBytes;
		this.peerTimeoutMillis = peerTimeoutMillis;
	}

	@Override
	public void start() {
		try {
			SocketFiles.clear(this.path);
			AFUNIXDatagramSocket bound = AFUNIXDatagramSocket.newInstance();
			bound.bind(AFUNIXSocketAddress.of(this.path));
			SocketFiles.restrictToOwner(this.path);
			this.socket = bound;
			Thread.ofPlatform().name("unix-datagram").daemon().start(() -> receiveLoop(bound));
			logger.info("Unix datagram listener on " + this.path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on Unix datagram socket " + this.path, ex);
		}
	}

	@Override
	public void stop() {
		AFUNIXDatagramSocket bound = this.socket;
		this.socket = null;
		if (bound != null) {
			bound.close();
			SocketFiles.delete(this.path);
		}
	}

	@Override
	public boolean isRunning() {
		return this.socket != null;
	}

	public boolean isListening() {
		AFUNIXDatagramSocket bound = this.socket;
		return bound != null && !bound.isClosed();
	}

	public Path path() {
		return this.path;
	}

	/**
	 * Drop members silent longer than the peer timeout.
	 */
	void expire() {
		long cutoff = System.currentTimeMillis() - this.peerTimeoutMillis;
		this.members.values().forEach((member) -> {
			if (member.lastActiveMillis() < cutoff) {
				member.close(CloseReason.TIMEOUT, null);
			}
		});
	}

	private void receiveLoop(AFUNIXDatagramSocket bound) {
		// One byte more than the limit (plus CRLF) shows a datagram was too long.
		byte[] buffer = new byte[this.maxMessageBytes + 3];
		while (!bound.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				bound.receive(packet);
				received(bound, packet);
			}
			catch (IOException | RuntimeException ex) {
				if (!bound.isClosed()) {
					logger.warn("Unix datagram on " + this.path + " failed", ex);
				}
			}
		}
	}

	private void received(AFUNIXDatagramSocket bound, DatagramPacket packet) {
		long receivedNanos = System.nanoTime();
		SocketAddress sender = packet.getSocketAddress();
		if (sender == null || (sender instanceof AFUNIXSocketAddress unix && !unix.hasFilename())) {
			return; // an unbound sender cannot be answered
		}
		int length = packet.getLength();
		if (length > 0 && packet.getData()[length - 1] == '\n') {
			length--;
			if (length > 0 && packet.getData()[length - 1] == '\r') {
				length--;
			}
		}
		byte[] message = Arrays.copyOf(packet.getData(), length);
		ClientSession member = this.members.get(sender);
		if (member != null && member.isClosing()) {
			member = null; // leaving (e.g. after quit): a new datagram starts over
		}
		if (member == null) {
			member = join(bound, sender);
			if (member == null) {
				return;
			}
		}
		if (message.length > this.maxMessageBytes) {
			this.hub.tooLong(member);
		}
		else {
			this.hub.receive(member, message, receivedNanos);
		}
	}

	private @Nullable ClientSession join(AFUNIXDatagramSocket bound, SocketAddress sender) {
		AtomicReference<ClientSession> joined = new AtomicReference<>();
		ClientTransport transport = new DatagramTransport(bound, sender, () -> forget(sender, joined.get()));
		Admission admission = this.hub.connect(Protocol.UNIX_DATAGRAM, UnixNames.next(), null, transport);
		ClientSession session = admission.session();
		if (session != null) {
			this.members.put(sender, session);
			joined.set(session);
			if (session.isClosing() && session.isDrained()) {
				forget(sender, session); // it ended before it was mapped
			}
		}
		else {
			OutboundLine refusal = admission.refusal();
			try {
				bound.send(new DatagramPacket(refusal.bytes(), refusal.length(), sender));
			}
			catch (IOException ex) {
				logger.debug("Could not tell a Unix datagram peer it was refused: " + ex);
			}
		}
		return session;
	}

	/**
	 * Forget a member that has gone; a newer session of the same address stays.
	 */
	private void forget(SocketAddress sender, @Nullable ClientSession session) {
		if (session != null) {
			this.members.remove(sender, session);
			this.hub.disconnected(session);
		}
	}

}
