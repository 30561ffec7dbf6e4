package io.switchboard.terminal;

import java.io.Closeable;
import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * One connection to the server, whatever the transport: lines out, lines in.
 */
interface ServerLink extends Closeable {

	void send(String line) throws IOException;

	/**
	 * The next line from the server, or null when the server closed the connection.
	 */
	@Nullable String receive() throws IOException;

	/**
	 * Opens links; a new link for every reconnect.
	 */
	static ServerLink open(ClientOptions options) throws IOException {
		if (options.udp()) {
			return UdpLink.open(options.host(), options.port());
		}
		return StreamLink.open(options);
	}

}
