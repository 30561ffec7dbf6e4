package io.switchboard.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A broadcast round trip for {@code helm test}: two TCP clients join a fresh room, one
 * sends a line, the other must receive it. Exits 0 on success, 1 otherwise. JDK only.
 */
public final class BroadcastCheck {

	private static final int TIMEOUT_MILLIS = 10_000;

	private BroadcastCheck() {
	}

	public static void main(String[] args) throws IOException {
		String host = (args.length > 0) ? args[0] : "127.0.0.1";
		int port = (args.length > 1) ? Integer.parseInt(args[1]) : 9999;
		String room = "check-" + UUID.randomUUID().toString().substring(0, 8);
		String text = "round trip " + UUID.randomUUID();
		try (Socket sender = connect(host, port); Socket receiver = connect(host, port)) {
			BufferedReader fromReceiver = reader(receiver);
			join(sender, reader(sender), room);
			join(receiver, fromReceiver, room);
			writer(sender).println(text);
			String line;
			while ((line = fromReceiver.readLine()) != null) {
				if (line.endsWith(" " + text)) {
					System.out.println("ok: " + line);
					System.exit(0);
				}
			}
		}
		System.err.println("no broadcast received from " + host + ":" + port);
		System.exit(1);
	}

	private static void join(Socket socket, BufferedReader in, String room) throws IOException {
		writer(socket).println("/join " + room);
		String line;
		while ((line = in.readLine()) != null && !line.equals("* you are now in room " + room)) {
			// skip the greeting
		}
	}

	private static Socket connect(String host, int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	private static BufferedReader reader(Socket socket) throws IOException {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

	private static PrintWriter writer(Socket socket) throws IOException {
		return new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
	}

}
