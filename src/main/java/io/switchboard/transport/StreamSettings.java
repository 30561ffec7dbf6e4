package io.switchboard.transport;

/**
 * Settings every stream listener shares, configured once under {@code switchboard.tcp.*}
 * (TCP's properties provide them), so another stream door reads them without importing
 * the TCP door.
 */
public interface StreamSettings {

	/**
	 * How a byte stream is cut into messages ({@code switchboard.tcp.framing}).
	 */
	TcpFraming framing();

}
