package io.switchboard.transport;

import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.switchboard.core.Admission;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Event;
import io.switchboard.core.Frame;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.Protocol;
import io.switchboard.transport.DatagramTransport;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * The members of a datagram listener (UDP, Unix datagram), keyed by source address: join,
 * hand over messages, expire the silent, forget the gone. There is no connection, so a
 * member's lifetime is this table's entry.
 */
public final class DatagramMembers {

	private final Map<SocketAddress, ClientSession> members = new ConcurrentHashMap<>();

	/** Members warned of their silence, with when they were last heard from then. */
	private final Map<ClientSession, Long> warned = new ConcurrentHashMap<>();

	private final ChatHub hub;

	private final DatagramSocket socket;

	private final Protocol protocol;

	private final int maxMessageBytes;

	public DatagramMembers(ChatHub hub, DatagramSocket socket, Protocol protocol, int maxMessageBytes) {
		this.hub = hub;
		this.socket = socket;
		this.protocol = protocol;
		this.maxMessageBytes = maxMessageBytes;
	}

	/**
	 * The member at this address, or null if there is none or it is leaving (e.g. after
	 * {@code quit}): then a new datagram starts over.
	 */
	public @Nullable ClientSession find(SocketAddress peer) {
		ClientSession member = this.members.get(peer);
		return (member != null && !member.isClosing()) ? member : null;
	}

	/**
	 * Admit a new member; the caller sends the refusal, if any, by its own rules.
	 */
	public Admission join(SocketAddress peer, String remoteAddress, @Nullable String ip) {
		return join(peer, remoteAddress, ip, null);
	}

	/**
	 * Admit a new member that gets {@code welcome} right after its greeting.
	 */
	public Admission join(SocketAddress peer, String remoteAddress, @Nullable String ip,
			@Nullable OutboundLine welcome) {
		AtomicReference<ClientSession> joined = new AtomicReference<>();
		DatagramTransport transport = new DatagramTransport(this.socket, peer, () -> forget(peer, joined.get()));
		Admission admission = this.hub.connect(this.protocol, remoteAddress, ip, transport, this.hub.lineDialect(),
				welcome, null);
		ClientSession session = admission.session();
		if (session != null) {
			this.members.put(peer, session);
			joined.set(session);
			if (session.isClosing() && session.isDrained()) {
				forget(peer, session); // it ended before it was mapped
			}
		}
		return admission;
	}

	/**
	 * A member's message (without its line end) as a frame for the hub: the member in its
	 * {@link ChatHub#SESSION} header, refused there if over {@code max-message-bytes}.
	 */
	public Message<Frame> frame(ClientSession member, byte[] message, long receivedNanos) {
		Frame frame = (message.length > this.maxMessageBytes) ? Frame.TOO_LONG : Frame.of(message);
		return new GenericMessage<>(frame, Map.of(ChatHub.SESSION, member, ChatHub.RECEIVED_NANOS, receivedNanos));
	}

	/**
	 * Drop members silent for {@code peerTimeoutMillis}, and warn those silent for two
	 * thirds of it, once per silence: there is no connection whose end tells an
	 * {@code nc -u} user they were dropped, so they would type on into a room they are no
	 * longer in. A third of the timeout (20 s of the default 60 s) is left to answer.
	 * @param nowMillis the time of this sweep
	 * @param howToStay what counts as a sign of life, e.g. {@code send anything (an empty
	 * line works)}
	 */
	public void expire(long nowMillis, long peerTimeoutMillis, String howToStay) {
		long warnAfter = peerTimeoutMillis * 2 / 3;
		this.members.values().forEach((member) -> {
			long lastActive = member.traffic().lastActiveMillis();
			long silent = nowMillis - lastActive;
			if (silent > peerTimeoutMillis) {
				member.close(CloseReason.TIMEOUT);
			}
			else if (silent >= warnAfter && !member.isClosing()) {
				Long warnedAt = this.warned.put(member, lastActive);
				if (warnedAt == null || warnedAt != lastActive) {
					member.send(Event.info("nothing heard from you for " + seconds(silent) + ": " + howToStay
							+ " within " + seconds(peerTimeoutMillis - silent) + " to stay in the room"));
				}
			}
			else {
				this.warned.remove(member);
			}
		});
	}

	private static String seconds(long millis) {
		return Math.max(1, Math.round(millis / 1000.0)) + "s";
	}

	public int size() {
		return this.members.size();
	}

	/**
	 * The first {@code length} bytes of a datagram without one trailing LF or CRLF.
	 */
	public static byte[] withoutLineEnd(byte[] datagram, int length) {
		int end = length;
		if (end > 0 && datagram[end - 1] == '\n') {
			end--;
			if (end > 0 && datagram[end - 1] == '\r') {
				end--;
			}
		}
		return (end == datagram.length) ? datagram : Arrays.copyOf(datagram, end);
	}

	/**
	 * Forget a member that has gone; a newer member at the same address stays.
	 */
	private void forget(SocketAddress peer, @Nullable ClientSession session) {
		if (session != null) {
			this.members.remove(peer, session);
			this.warned.remove(session);
			this.hub.disconnected(session);
		}
	}

}
