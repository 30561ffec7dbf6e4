package io.switchboard.unix;

import java.nio.file.Path;
import java.time.Duration;

import io.switchboard.transport.DatagramSettings;
import io.switchboard.transport.StreamSettings;
import io.switchboard.transport.TcpFraming;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Unix domain socket listeners ({@code switchboard.unix.*}); each is off unless given a
 * path.
 * <p>
 * The two settings the Unix doors share with TCP and UDP, {@code framing} and
 * {@code peer-timeout}, have keys of their own here. A Unix key wins when set; unset, the
 * door takes the TCP or UDP key's value, as it did before the Unix keys existed, so an
 * operator who set {@code switchboard.tcp.framing} or
 * {@code switchboard.udp.peer-timeout} for the Unix doors too still gets it (that use of
 * the old keys is not deprecated, and warns of nothing).
 *
 * @param streamPath socket file of the Unix stream listener (framing, limits and commands
 * as TCP)
 * @param datagramPath socket file of the Unix datagram listener (as UDP; the socket
 * file's owner-only permissions stand in for the join handshake)
 * @param framing how the Unix stream listener cuts bytes into messages: line
 * (LF-terminated) or chunk (each read is a message); wins over switchboard.tcp.framing,
 * whose value it takes when unset
 * @param peerTimeout the Unix datagram listener drops a member silent this long; wins
 * over switchboard.udp.peer-timeout, whose value it takes when unset
 */
@ConfigurationProperties("switchboard.unix")
public record UnixProperties(@Nullable Path streamPath, @Nullable Path datagramPath, @Nullable TcpFraming framing,
		@Nullable Duration peerTimeout) {

	public UnixProperties {
		// Duration has no Bean Validation constraints; name the property here.
		if (peerTimeout != null && (peerTimeout.isNegative() || peerTimeout.isZero())) {
			throw new IllegalArgumentException("switchboard.unix.peer-timeout must be positive, was " + peerTimeout);
		}
	}

	/**
	 * The Unix stream listener's framing.
	 * @param tcp the TCP door's stream settings ({@code switchboard.tcp.framing})
	 */
	TcpFraming streamFraming(StreamSettings tcp) {
		// switchboard.unix.framing wins when set; unset, TCP's framing applies, as it did
		// before the Unix key existed (so switchboard.tcp.framing still reaches this
		// door)
		return (this.framing != null) ? this.framing : tcp.framing();
	}

	/**
	 * The Unix datagram listener's peer timeout.
	 * @param udp the UDP door's datagram settings ({@code switchboard.udp.peer-timeout})
	 */
	Duration datagramPeerTimeout(DatagramSettings udp) {
		// switchboard.unix.peer-timeout wins when set; unset, UDP's applies, as it did
		// before the Unix key existed (so switchboard.udp.peer-timeout still reaches this
		// door)
		return (this.peerTimeout != null) ? this.peerTimeout : udp.peerTimeout();
	}

}
