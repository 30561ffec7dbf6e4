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
 * @param token a token to sign in with on a server in token mode ({@code /auth TOKEN} on
 * every connect), or null
 */
record ClientOptions(boolean udp, boolean tls, @Nullable Path unixPath, String host, int port, @Nullable String token) {

	static final String USAGE = "usage: ./switchboard client [--udp] [--tls] [--unix PATH] [--token TOKEN] [HOST] [PORT]"
			+ " (or the token in SWITCHBOARD_TOKEN)";

	/** The environment variable a token may come in, kept out of {@code ps}. */
	static final String TOKEN_VARIABLE = "SWITCHBOARD_TOKEN";

	/**
	 * @param environmentToken the value of {@value #TOKEN_VARIABLE}, if set;
	 * {@code --token} wins over it
	 * @throws IllegalArgumentException with a message for the user
	 */
	static ClientOptions parse(@Nullable String environmentToken, String[] args) {
		boolean udp = false;
		boolean tls = false;
		Path unix = null;
		String token = (environmentToken != null && !environmentToken.isBlank()) ? environmentToken.strip() : null;
		if (token != null && token.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException(
					TOKEN_VARIABLE + " must hold one token (one word, as the server issued it)");
		}
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
				case "--token" -> {
					if (++i == args.length || args[i].isBlank() || args[i].chars().anyMatch(Character::isWhitespace)) {
						throw new IllegalArgumentException("--token needs a token (one word, as the server issued it)");
					}
					token = args[i];
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
		return new ClientOptions(udp, tls, unix, host, port, token);
	}

	String target() {
		return (this.unixPath != null) ? "unix:" + this.unixPath : this.host + ":" + this.port;
	}

}
