package io.switchboard.terminal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * UDP chat: answers the server's join challenge by itself (also after a server restart,
 * when the server has forgotten this peer), starts every datagram with the member key the
 * server gave it (the server drops datagrams without it: they could be forged) and sends
 * a heartbeat well within the server's 60s peer timeout.
 */
final class UdpLink implements ServerLink {

	/** Well within the server's default 60s peer timeout; a system property for tests. */
	static final long HEARTBEAT_SECONDS = Long.getLong("switchboard.client.heartbeat-seconds", 20);

	private final DatagramSocket socket;

	private final ScheduledExecutorService heartbeat;

	/**
	 * A line sent less than {@value #RESEND_WINDOW_MILLIS} ms ago and not yet answered.
	 */
	private volatile @Nullable String lastLine;

	private volatile long lastLineMillis;

	private final AtomicInteger pendingPongs = new AtomicInteger();

	/**
	 * The key from {@code * your key is K: ...} or {@code * your key is now K ...}; null
	 * before joining and while rejoining (a server that sends no key, with
	 * {@code verify-peers=false}, gets the lines bare).
	 */
	private volatile @Nullable String key;

	/** A line to send again once the rejoin's key has arrived. */
	private volatile @Nullable String resendAfterJoin;

	private static final Pattern KEY_LINE = Pattern.compile("\\* your key is (now )?([a-z2-7]{8})[: ]");

	static final long RESEND_WINDOW_MILLIS = 5000;

	private final Supplier<List<String>> openingLines;

	/** Whether this link was challenged to join, so it has a key to wait for. */
	private volatile boolean challenged;

	/** Whether the opening lines were sent since the last join. */
	private volatile boolean opened;

	private UdpLink(DatagramSocket socket, Supplier<List<String>> openingLines) {
		this.socket = socket;
		this.openingLines = openingLines;
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
		// /ping rather than an empty datagram: a server that restarted and forgot us
		// answers
		// it with a join challenge (an empty datagram is too small to answer), so the
		// client rejoins by itself. The pongs are not shown.
		this.heartbeat.scheduleWithFixedDelay(() -> {
			try {
				this.pendingPongs.incrementAndGet();
				transmit("/ping");
			}
			catch (IOException ex) {
				// the next receive reports a dead socket
			}
		}, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
	}

	static UdpLink open(String host, int port, Supplier<List<String>> openingLines) throws IOException {
		DatagramSocket socket = new DatagramSocket();
		socket.connect(new InetSocketAddress(host, port));
		UdpLink link = new UdpLink(socket, openingLines);
		// Six bytes or more: the server answers an unknown address only up to 3x what it
		// sent.
		link.send("/ping");
		return link;
	}

	@Override
	public void send(String line) throws IOException {
		this.lastLine = line;
		this.lastLineMillis = System.currentTimeMillis();
		transmit(line);
	}

	private void transmit(String line) throws IOException {
		String current = this.key;
		byte[] bytes = (((current != null) ? current + " " : "") + line + "\n").getBytes(StandardCharsets.UTF_8);
		this.socket.send(new DatagramPacket(bytes, bytes.length));
	}

	@Override
	public @Nullable String receive() throws IOException {
		while (true) {
			byte[] buffer = new byte[65_536];
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			this.socket.receive(packet);
			String text = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8).stripTrailing();
			if (text.startsWith("* /join ")) {
				// A challenge means the server does not know us (first contact, or it
				// restarted) and dropped what we sent: join (no key: the old one is
				// gone),
				// then, once the new key has come, send that line again.
				this.key = null;
				this.challenged = true;
				this.opened = false;
				transmit(text.substring(2));
				this.pendingPongs.set(0);
				String unanswered = this.lastLine;
				this.lastLine = null;
				if (unanswered != null && !unanswered.equals("/ping")
						&& System.currentTimeMillis() - this.lastLineMillis < RESEND_WINDOW_MILLIS) {
					this.resendAfterJoin = unanswered;
				}
				continue;
			}
			Matcher keyLine = KEY_LINE.matcher(text);
			if (keyLine.lookingAt()) {
				this.key = keyLine.group(2);
				String unanswered = this.resendAfterJoin;
				this.resendAfterJoin = null;
				if (keyLine.group(1) == null) {
					sendOpeningLines();
					if (unanswered != null) {
						transmit(unanswered);
					}
				}
				return text; // harmless to show: it is only good from this address
			}
			this.lastLine = null; // the server knows us: what we sent was taken
			if (!this.challenged && !this.opened) {
				sendOpeningLines(); // a server that lets peers in unverified: no key
									// comes
			}
			if (text.equals("* pong") && this.pendingPongs.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				continue; // a heartbeat's answer
			}
			return text;
		}
	}

	private void sendOpeningLines() throws IOException {
		this.opened = true;
		for (String line : this.openingLines.get()) {
			transmit(line);
		}
	}

	@Override
	public void close() {
		this.heartbeat.shutdownNow();
		this.socket.close();
	}

}
