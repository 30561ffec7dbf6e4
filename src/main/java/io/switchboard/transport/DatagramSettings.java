package io.switchboard.transport;

import java.time.Duration;

/**
 * Settings every datagram listener shares, configured once under
 * {@code switchboard.udp.*} (UDP's properties provide them), so another datagram door
 * reads them without importing the UDP door. A door may have a key of its own that wins
 * when set (the Unix datagram door's {@code switchboard.unix.peer-timeout}).
 */
public interface DatagramSettings {

	/**
	 * A member silent this long is dropped ({@code switchboard.udp.peer-timeout}).
	 */
	Duration peerTimeout();

}
