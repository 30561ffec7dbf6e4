package io.switchboard.terminal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Command-line options of the terminal client.
 *
 * @param udp chat over UDP (the join handshake and heartbeats are done for you)
 * @param tls TCP over TLS, trusting the JDK's default trust store
 * @param unixPath a Unix stream socket to connect to instead of host and port
 * @param host server host
 * @param port server port
 */
record ClientOptions(boolean udp, boolean tls, @Nullable Path unixPath, String host, int port) {

	static final String USAGE = "usage: java -jar switchboard.jar client [--udp] [--tls] [--unix PATH] [HOST] [PORT]";

	/**
	 * @throws IllegalArgumentException with a message for the user
	 */
	static ClientOptions parse(String... args) {
		boolean udp = false;
		boolean tls = false;
		Path unix = null;
		List<String> positional = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--udp" -> udp = true;
				case "--tls" -> tls = true;
				case "--unix" -> {
					if (++i == args.length) {
						throw new IllegalArgumentException("--unix needs a socket path");
					}
					unix = Path.of(args[i]);
				}
				case "-h", "--help" -> throw new IllegalArgumentException("");
				default -> {
					if (args[i].startsWith("--")) {
						throw new IllegalArgumentException("unknown option " + args[i]);
					}
					positional.add(args[i]);
				}
			}
		}
		if (positional.size() > 2 || (udp && (tls || unix != null)) || (tls && unix != null)) {
			throw new IllegalArgumentException("--udp, --tls and --unix do not combine; at most HOST and PORT");
		}
		String host = positional.isEmpty() ? "localhost" : positional.get(0);
		int port = 9999;
		if (positional.size() == 2) {
			try {
				port = Integer.parseInt(positional.get(1));
			}
			catch (NumberFormatException ex) {
				port = -1;
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("port must be 1-65535, was " + positional.get(1));
			}
		}
		return new ClientOptions(udp, tls, unix, host, port);
	}

	String target() {
		return (this.unixPath != null) ? "unix:" + this.unixPath : this.host + ":" + this.port;
	}

}
