package io.switchboard.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

import io.switchboard.core.AddressPrefix;
import io.switchboard.core.Admission;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.Frame;
import io.switchboard.core.IpRateLimiter;
import io.switchboard.core.LineCodec;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.Protocol;
import io.switchboard.core.RemoteAddress;
import io.switchboard.core.SwitchboardMetrics;
import io.switchboard.transport.DatagramMembers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The UDP members, keyed by source address, and the verified join: a datagram from an
 * unknown address gets one {@code * /join <token>} challenge (never more than 3x the
 * bytes it sent, RFC 9000 section 8.1) and only an echoed token makes it a member; a
 * member then starts every datagram with its {@link MemberKey}, so nobody who forges its
 * address can speak for it. Both the challenges and the {@code /join} attempts of one IP
 * address are rate-limited ({@code switchboard.udp.join-rate-per-ip}).
 */
final class UdpChatPeers {

	private static final Log logger = LogFactory.getLog(UdpChatPeers.class);

	/** Amplification bound for replies to unverified addresses. */
	static final int AMPLIFICATION_FACTOR = 3;

	private final DatagramSocket socket;

	private final ChatHub hub;

	private final LineCodec codec;

	private final JoinTokens tokens;

	private final UdpProperties properties;

	private final DatagramMembers members;

	private final IpRateLimiter joinAttempts;

	/** Members' keys; none with {@code verify-peers=false}. */
	private final MemberKeys keys;

	UdpChatPeers(DatagramSocket socket, ChatHub hub, LineCodec codec, JoinTokens tokens, UdpProperties properties,
			int maxMessageBytes, SwitchboardMetrics metrics) {
		this.socket = socket;
		this.hub = hub;
		this.codec = codec;
		this.tokens = tokens;
		this.properties = properties;
		this.members = new DatagramMembers(hub, socket, Protocol.UDP, maxMessageBytes);
		this.joinAttempts = new IpRateLimiter(properties.joinRatePerIp());
		this.keys = new MemberKeys(codec, metrics);
	}

	/**
	 * Route one datagram: a member's message becomes a frame for the hub, with the member
	 * in its {@link ChatHub#SESSION} header; anything else is the join handshake,
	 * answered here. Runs on the receive thread, one datagram at a time, so a sender's
	 * messages keep their order.
	 * @return the member's frame, or null if there is nothing for the hub
	 */
	@Nullable Message<Frame> route(byte[] datagram, MessageHeaders headers) {
		long receivedNanos = System.nanoTime();
		if (!(headers.get(IpHeaders.PACKET_ADDRESS) instanceof InetSocketAddress peer)) {
			return null;
		}
		try {
			byte[] message = DatagramMembers.withoutLineEnd(datagram, datagram.length);
			ClientSession member = this.members.find(peer);
			if (member != null && this.properties.verifyPeers()) {
				byte[] keyed = this.keys.open(member, message, receivedNanos);
				return (keyed != null) ? this.members.frame(member, keyed, receivedNanos) : null;
			}
			if (member == null && !this.properties.verifyPeers()) {
				member = join(peer, datagram.length); // trusted networks: no token, no
														// key
			}
			if (member != null) {
				return this.members.frame(member, message, receivedNanos);
			}
			// Every datagram from an unknown address costs its IP address a token, /join
			// guesses included: over the limit a token is not even checked, so guessing
			// one (32 bits) runs at join-rate-per-ip guesses a second at most.
			if (!this.joinAttempts.tryAcquire(AddressPrefix.rateKey(peer.getAddress().getHostAddress()))) {
				return null;
			}
			String text = this.codec.decode(message);
			if (text.startsWith("/join ") && this.tokens.verify(peer, text.substring(6).strip())) {
				join(peer, Integer.MAX_VALUE);
			}
			else {
				replyUnverified(peer, this.codec.reply("* /join " + this.tokens.issue(peer)), datagram.length);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Datagram from " + peer + " failed", ex);
		}
		return null;
	}

	/**
	 * Drop members silent longer than {@code switchboard.udp.peer-timeout}, after a
	 * warning.
	 */
	void expire() {
		this.joinAttempts.sweep();
		this.keys.sweep(System.nanoTime());
		// A datagram without the member's key is no sign of life (anyone could forge it).
		this.members.expire(System.currentTimeMillis(), this.properties.peerTimeout().toMillis(),
				this.properties.verifyPeers() ? "send your key alone (see the welcome line)"
						: "send anything (an empty line works)");
	}

	int size() {
		return this.members.size();
	}

	/**
	 * Admit a member; with {@code verify-peers} it gets its key right after the greeting
	 * (a Unix datagram member needs none: its socket file cannot be forged).
	 */
	private @Nullable ClientSession join(InetSocketAddress peer, int verifiedBytes) {
		MemberKey key = this.properties.verifyPeers() ? this.keys.newKey() : null;
		Admission admission = this.members.join(peer, RemoteAddress.format(peer.getAddress(), peer.getPort()),
				peer.getAddress().getHostAddress(), (key != null) ? this.keys.keyLine(key) : null);
		ClientSession session = admission.session();
		if (session != null && key != null) {
			this.keys.add(session, key); // on the receive thread: before the member's
											// next datagram
		}
		if (session == null && admission.refusal() != null) {
			replyUnverified(peer, admission.refusal(), verifiedBytes);
		}
		return session;
	}

	private void replyUnverified(InetSocketAddress peer, OutboundLine reply, int receivedBytes) {
		if ((long) reply.length() > (long) AMPLIFICATION_FACTOR * receivedBytes) {
			return; // too small a datagram to answer without amplifying
		}
		try {
			this.socket.send(new DatagramPacket(reply.bytes(), reply.length(), peer));
		}
		catch (IOException ex) {
			logger.debug("Reply to " + peer + " failed: " + ex);
		}
	}

}
