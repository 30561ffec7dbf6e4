package io.switchboard.terminal;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

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
	 * @param openingLines what to send first whenever the server takes this client in
	 * anew (the sign-in, the nick and room to resume): at once on a stream, after each
	 * join on UDP (a server that restarted makes a UDP client join again on the same
	 * link)
	 */
	static ServerLink open(ClientOptions options, Supplier<List<String>> openingLines) throws IOException {
		if (options.udp()) {
			return UdpLink.open(options.host(), options.port(), openingLines);
		}
		ServerLink link = StreamLink.open(options);
		for (String line : openingLines.get()) {
			link.send(line);
		}
		return link;
	}

}
