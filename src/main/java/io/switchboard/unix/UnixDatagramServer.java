package io.switchboard.unix;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;

import io.switchboard.core.Admission;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.Protocol;
import io.switchboard.transport.DatagramMembers;
import io.switchboard.transport.ListenerBindException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageDeliveryException;

/**
 * The Unix datagram listener (junixsocket: the JDK has no Unix datagram sockets). Like
 * UDP, one datagram is one message and a member's lines arrive as one datagram each; a
 * sender must bind its own socket file to get replies. There is no join handshake: source
 * addresses cannot be forged across the owner-only socket file. Members silent for
 * {@code switchboard.unix.peer-timeout} (unset: {@code switchboard.udp.peer-timeout}) are
 * dropped. An inbound adapter: each member's message leaves as a {@link Frame} with its
 * session in the {@link ChatHub#SESSION} header, for the door's flow to route to the hub.
 */
public final class UnixDatagramServer extends MessageProducerSupport {

	private static final Log logger = LogFactory.getLog(UnixDatagramServer.class);

	private final Path path;

	private final ChatHub hub;

	private final int maxMessageBytes;

	private final long peerTimeoutMillis;

	private volatile @Nullable AFUNIXDatagramSocket socket;

	private volatile @Nullable DatagramMembers members;

	UnixDatagramServer(Path path, ChatHub hub, int maxMessageBytes, long peerTimeoutMillis) {
		this.path = path;
		this.hub = hub;
		this.maxMessageBytes = maxMessageBytes;
		this.peerTimeoutMillis = peerTimeoutMillis;
		// As the TCP listener: start after the flow's consumer, stop before it, and after
		// the graceful shutdown.
		setPhase(Integer.MAX_VALUE / 2);
	}

	@Override
	protected void doStart() {
		try {
			SocketFiles.clear(this.path);
			AFUNIXDatagramSocket bound = AFUNIXDatagramSocket.newInstance();
			bound.bind(AFUNIXSocketAddress.of(this.path));
			SocketFiles.restrictToOwner(this.path);
			this.socket = bound;
			DatagramMembers joined = new DatagramMembers(this.hub, bound, Protocol.UNIX_DATAGRAM, this.maxMessageBytes);
			this.members = joined;
			Thread.ofPlatform().name("unix-datagram").daemon().start(() -> receiveLoop(bound, joined));
			logger.info("Unix datagram listener on " + this.path);
		}
		catch (IOException ex) {
			throw ListenerBindException.onPath("Unix datagram", "switchboard.unix.datagram-path", this.path, false, ex);
		}
		catch (SocketFiles.LiveSocketException ex) {
			throw ListenerBindException.onPath("Unix datagram", "switchboard.unix.datagram-path", this.path, true, ex);
		}
	}

	@Override
	protected void doStop() {
		AFUNIXDatagramSocket bound = this.socket;
		this.socket = null;
		if (bound != null) {
			bound.close();
			SocketFiles.delete(this.path);
		}
	}

	public boolean isListening() {
		AFUNIXDatagramSocket bound = this.socket;
		return bound != null && !bound.isClosed();
	}

	public Path path() {
		return this.path;
	}

	/**
	 * Drop members silent longer than the peer timeout, after a warning.
	 */
	void expire() {
		DatagramMembers current = this.members;
		if (current != null) {
			current.expire(System.currentTimeMillis(), this.peerTimeoutMillis,
					"send anything (an empty datagram works)");
		}
	}

	private void receiveLoop(AFUNIXDatagramSocket bound, DatagramMembers joined) {
		// One byte more than the limit (plus CRLF) shows a datagram was too long.
		byte[] buffer = new byte[this.maxMessageBytes + 3];
		// Stopping clears the socket before closing it: junixsocket's receive on a socket
		// being closed throws (SocketTimeoutException among others) until the close is
		// done, so the loop ends on the cleared field, not on isClosed alone, and does
		// not
		// spin and warn meanwhile.
		while (this.socket == bound && !bound.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				bound.receive(packet);
				received(bound, packet, joined);
			}
			catch (SocketTimeoutException ex) {
				// no timeout is set: only a close in progress gets here; the loop checks
			}
			catch (IOException | RuntimeException ex) {
				if (this.socket == bound && !bound.isClosed()) {
					logger.warn("Unix datagram on " + this.path + " failed", ex);
				}
			}
		}
	}

	private void received(AFUNIXDatagramSocket bound, DatagramPacket packet, DatagramMembers members) {
		long receivedNanos = System.nanoTime();
		SocketAddress sender = packet.getSocketAddress();
		if (sender == null || (sender instanceof AFUNIXSocketAddress unix && !unix.hasFilename())) {
			return; // an unbound sender cannot be answered
		}
		byte[] message = DatagramMembers.withoutLineEnd(packet.getData(), packet.getLength());
		ClientSession member = members.find(sender);
		if (member == null) {
			Admission admission = members.join(sender, UnixNames.next(), null);
			member = admission.session();
			if (member == null) {
				refuse(bound, sender, admission.refusal());
				return;
			}
		}
		try {
			sendMessage(members.frame(member, message, receivedNanos));
		}
		catch (MessageDeliveryException ex) {
			logger.debug("Datagram from " + member + " dropped, its flow has stopped: " + ex.getMessage());
		}
	}

	private static void refuse(AFUNIXDatagramSocket bound, SocketAddress sender, OutboundLine refusal) {
		try {
			bound.send(new DatagramPacket(refusal.bytes(), refusal.length(), sender));
		}
		catch (IOException ex) {
			logger.debug("Could not tell a Unix datagram peer it was refused: " + ex);
		}
	}

}
