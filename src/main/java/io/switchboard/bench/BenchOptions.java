package io.switchboard.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@code bench}.
 *
 * @param clients connected clients (all in the default room, all receiving)
 * @param senders how many of them send
 * @param rate messages per second from all senders together; 0 = as fast as possible
 * @param size message size in bytes (at least the header)
 * @param duration how long to measure, after the warm-up
 * @param warmup how long to send before measuring
 * @param drain how long to wait, after the measured window, for its messages to arrive
 * @param connectRate new connections per second; 0 = as fast as possible
 * @param idle only connect and hold the connections (for memory per idle connection)
 * @param udp UDP clients (with the join handshake) instead of TCP
 * @param websocket WebSocket clients ({@code switchboard.text} subprotocol) at this URL
 * instead of TCP; null for TCP or UDP
 * @param json print the final report as JSON
 * @param serverPid the server's process id, to report its CPU and RSS; 0 = unknown
 * @param allowRemote allow a target that is not a loopback address
 * @param noEcho the server does not send a message back to its sender (e.g. ncat --chat)
 * @param stalled extra TCP clients that join the room and never read (slow consumers)
 * @param tls TCP clients speak TLS, trusting any certificate (loopback only)
 * @param rooms how many rooms the clients are spread over; 1 = all in the server's
 * default room, without a {@code /join}
 * @param readers TCP clients are read by this many threads with a selector each; 0 = a
 * blocking reader on a virtual thread per client
 * @param host server host
 * @param ports server ports; clients are spread over them in turn (several nodes of a
 * cluster)
 */
record BenchOptions(int clients, int senders, int rate, int size, Duration duration, Duration warmup, Duration drain,
		int connectRate, boolean idle, boolean udp, @Nullable URI websocket, boolean json, long serverPid,
		boolean allowRemote, boolean noEcho, int stalled, boolean tls, int rooms, int readers, String host,
		List<Integer> ports) {

	static final String USAGE = """
			usage: java -jar switchboard.jar bench [options] [HOST] [PORT[,PORT...]]
			  --clients N        connected clients, all in one room unless --rooms (100)
			  --senders N        how many of them send (10)
			  --rate N           messages/s from all senders together, 0 = max (1000)
			  --size N           message size in bytes (64)
			  --duration D       measured time, e.g. 10s, 1m (10s)
			  --warmup D         sending before measuring (2s)
			  --drain D          waiting for the measured messages after the window;
			                     what has not arrived by then counts as lost (3s)
			  --connect-rate N   new connections per second, 0 = max (0)
			  --idle             only connect and hold the connections
			  --udp              UDP clients (join handshake) instead of TCP
			  --websocket [URL]  WebSocket clients (subprotocol switchboard.text) instead of
			                     TCP, at URL (ws:// or wss://) or else at
			                     ws://HOST:HTTP_PORT/ws; PORT is then not used. They
			                     send no Origin, as non-browser clients, so the
			                     server's same-origin check lets them in
			  --http-port N      the server's HTTP port, for --websocket without URL (8080)
			  --json             final report as JSON
			  --pid PID          the server's pid: report its CPU and RSS (--idle: and its
			                     OS threads)
			  --allow-remote     allow a non-loopback target
			  --no-echo          the server does not echo to senders (ncat --chat)
			  --stalled N        N more TCP clients that never read; reports how many the
			                     server closed (0)
			  --tls              TCP clients over TLS (a chat port with
			                     switchboard.tcp.ssl.bundle). They trust ANY certificate:
			                     for benchmarking a server on this machine only, so a
			                     non-loopback target is refused even with --allow-remote
			  --rooms N          spread the clients over N rooms: client i first sends
			                     /join bench-(i mod N); needs a server with /join (1: all
			                     in the default room, no /join)
			  --readers N        read the TCP clients with N selector threads instead of
			                     a virtual thread each: cheaper per line for thousands
			                     of clients (0)
			Defaults to localhost 9999. Several ports spread the clients over several nodes. Start the server without flood control and per-IP limits:
			  --switchboard.client.rate=0 --switchboard.client.byte-rate=0 --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0""";

	static BenchOptions parse(String... args) {
		int clients = 100;
		int senders = 10;
		int rate = 1000;
		int size = 64;
		Duration duration = Duration.ofSeconds(10);
		Duration warmup = Duration.ofSeconds(2);
		Duration drain = Duration.ofSeconds(3);
		int connectRate = 0;
		boolean idle = false;
		boolean udp = false;
		boolean websocket = false;
		URI websocketUrl = null;
		int httpPort = 8080;
		boolean json = false;
		long pid = 0;
		boolean remote = false;
		boolean noEcho = false;
		int stalled = 0;
		boolean tls = false;
		int rooms = 1;
		int readers = 0;
		List<String> positional = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--clients" -> clients = positive(arg, value(args, ++i));
				case "--senders" -> senders = positive(arg, value(args, ++i));
				case "--rate" -> rate = nonNegative(arg, value(args, ++i));
				case "--size" -> size = positive(arg, value(args, ++i));
				case "--duration" -> duration = duration(arg, value(args, ++i));
				case "--warmup" -> warmup = duration(arg, value(args, ++i));
				case "--drain" -> drain = duration(arg, value(args, ++i));
				case "--connect-rate" -> connectRate = nonNegative(arg, value(args, ++i));
				case "--idle" -> idle = true;
				case "--udp" -> udp = true;
				case "--websocket" -> {
					websocket = true;
					if (i + 1 < args.length && args[i + 1].matches("(?i)wss?://.*")) {
						websocketUrl = url(args[++i]);
					}
				}
				case "--http-port" -> httpPort = positive(arg, value(args, ++i));
				case "--json" -> json = true;
				case "--pid" -> pid = positive(arg, value(args, ++i));
				case "--allow-remote" -> remote = true;
				case "--no-echo" -> noEcho = true;
				case "--stalled" -> stalled = nonNegative(arg, value(args, ++i));
				case "--tls" -> tls = true;
				case "--rooms" -> rooms = positive(arg, value(args, ++i));
				case "--readers" -> readers = nonNegative(arg, value(args, ++i));
				case "-h", "--help" -> throw new IllegalArgumentException("");
				default -> {
					if (arg.startsWith("--")) {
						throw new IllegalArgumentException("unknown option " + arg);
					}
					positional.add(arg);
				}
			}
		}
		if (positional.size() > 2) {
			throw new IllegalArgumentException("at most HOST and PORT");
		}
		if (senders > clients) {
			throw new IllegalArgumentException("--senders must not exceed --clients");
		}
		if (udp && websocket) {
			throw new IllegalArgumentException("--udp or --websocket, not both");
		}
		if (tls && (udp || websocket)) {
			throw new IllegalArgumentException("--tls is for TCP clients (WebSocket over TLS: a wss:// URL)");
		}
		if (rooms > clients) {
			throw new IllegalArgumentException("--rooms must not exceed --clients");
		}
		String host = positional.isEmpty() ? "localhost" : positional.get(0);
		if (websocket && websocketUrl == null) {
			websocketUrl = url("ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort + "/ws");
		}
		if (websocketUrl != null) {
			// the URL's host is what the loopback check must judge
			host = websocketUrl.getHost().replaceAll("^\\[|\\]$", "");
		}
		List<Integer> ports = (positional.size() == 2)
				? Arrays.stream(positional.get(1).split(",")).map((p) -> positive("PORT", p)).toList() : List.of(9999);
		return new BenchOptions(clients, senders, rate, size, duration, warmup, drain, connectRate, idle, udp,
				websocketUrl, json, pid, remote, noEcho, stalled, tls, rooms, readers, host, ports);
	}

	/**
	 * The port of the {@code index}th client.
	 */
	int port(int index) {
		return this.ports.get(index % this.ports.size());
	}

	/**
	 * A TCP client's reading buffers: 64 KiB each up to 1,000 clients, less beyond, down
	 * to 4 KiB (19,000 clients of a big room would otherwise take 2.4 GB of them).
	 */
	int readBufferBytes() {
		return (int) Math.clamp(64L * 1024 * 1000 / this.clients, 4 * 1024, 64 * 1024);
	}

	/**
	 * What the clients are: TCP, TLS, UDP or WebSocket.
	 */
	String transport() {
		return (this.websocket != null) ? "websocket" : this.udp ? "udp" : this.tls ? "tls" : "tcp";
	}

	/**
	 * The room the {@code index}th client joins.
	 */
	int room(int index) {
		return index % this.rooms;
	}

	/**
	 * How many clients are in room {@code room}.
	 */
	int roomSize(int room) {
		return this.clients / this.rooms + ((room < this.clients % this.rooms) ? 1 : 0);
	}

	private static URI url(String value) {
		try {
			URI uri = new URI(value);
			if (uri.getHost() == null) {
				throw new URISyntaxException(value, "no host");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("--websocket needs a URL like ws://localhost:8080/ws, was " + value);
		}
	}

	private static String value(String[] args, int i) {
		if (i >= args.length) {
			throw new IllegalArgumentException(args[i - 1] + " needs a value");
		}
		return args[i];
	}

	private static int positive(String name, String value) {
		int number = nonNegative(name, value);
		if (number == 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return number;
	}

	private static int nonNegative(String name, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number >= 0, was " + value);
		}
	}

	private static Duration duration(String name, String value) {
		try {
			return Duration.parse("PT" + value.toUpperCase());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(name + " must be a duration like 10s or 1m, was " + value);
		}
	}

}
