package io.switchboard.transport;

/**
 * Settings every stream listener shares, configured once under {@code switchboard.tcp.*}
 * (TCP's properties provide them), so another stream door reads them without importing
 * the TCP door. A door may have a key of its own that wins when set (the Unix stream
 * door's {@code switchboard.unix.framing}).
 */
public interface StreamSettings {

	/**
	 * How a byte stream is cut into messages ({@code switchboard.tcp.framing}).
	 */
	TcpFraming framing();

}
