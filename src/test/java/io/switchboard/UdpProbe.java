package io.switchboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A test-only UDP chat peer over a real loopback socket.
 */
public final class UdpProbe implements AutoCloseable {

	private final DatagramSocket socket;

	private static final Pattern KEY_LINE = Pattern.compile("\\* your key is (?:now )?([a-z2-7]{8})[: ]");

	private final InetSocketAddress server;

	private volatile @Nullable String key;

	private volatile @Nullable String id;

	private static final Pattern GREETING = Pattern.compile("\\* welcome to switchboard, you are (\\S+) in room ");

	public UdpProbe(int port) {
		try {
			this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
			this.socket.setSoTimeout(LineClient.READ_TIMEOUT_MILLIS);
			this.server = new InetSocketAddress("127.0.0.1", port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Do the verified join and read the greeting and the member key line after it; from
	 * then on {@link #send} starts every datagram with the key.
	 * @return the greeting
	 */
	public String join() {
		this.key = null; // a new membership gets a new key
		send("hello");
		String challenge = receive();
		if (!challenge.startsWith("* /join ")) {
			throw new AssertionError("Expected a join challenge, got " + challenge);
		}
		send(challenge.substring(2));
		String greeting = receive();
		String keyLine = receive();
		if (this.key == null) {
			throw new AssertionError("Expected the member key line after the greeting, got " + keyLine);
		}
		return greeting;
	}

	/**
	 * Send a line, after the member key once there is one (as every UDP client must).
	 */
	public UdpProbe send(String text) {
		String keyed = (this.key != null) ? this.key + " " + text : text;
		return sendRaw((keyed + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A heartbeat: the member key alone.
	 */
	public UdpProbe heartbeat() {
		return sendRaw(Objects.requireNonNull(this.key, "not joined").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The member key this peer starts its datagrams with: from the line after the
	 * greeting, or from the last replacement the server announced.
	 */
	public @Nullable String key() {
		return this.key;
	}

	/**
	 * Send exactly these bytes, without the key: also what a datagram forged from this
	 * peer's address looks like to the server.
	 */

	public UdpProbe sendRaw(byte[] bytes) {
		try {
			this.socket.send(new DatagramPacket(bytes, bytes.length, this.server));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The next datagram's text without its trailing LF; fails on timeout.
	 */
	public String receive() {
		return receiveWithin(LineClient.READ_TIMEOUT_MILLIS)
			.orElseThrow(() -> new AssertionError("No datagram within " + LineClient.READ_TIMEOUT_MILLIS + " ms"));
	}

	/**
	 * The next datagram, or empty if none arrives within the time: for asserting that the
	 * server stays silent.
	 */
	public Optional<String> receiveWithin(int millis) {
		try {
			this.socket.setSoTimeout(millis);
			byte[] buffer = new byte[65_536];
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			this.socket.receive(packet);
			String text = new String(Arrays.copyOf(buffer, packet.getLength()), StandardCharsets.UTF_8).stripTrailing();
			Matcher keyLine = KEY_LINE.matcher(text);
			if (keyLine.lookingAt()) {
				this.key = keyLine.group(1);
			}
			Matcher greeting = GREETING.matcher(text);
			if (greeting.lookingAt()) {
				this.id = greeting.group(1);
			}
			return Optional.of(text);
		}
		catch (SocketTimeoutException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String receiveUntil(Predicate<String> wanted) {
		while (true) {
			String line = receive();
			if (wanted.test(line)) {
				return line;
			}
		}
	}

	/**
	 * How others see this member without a nick: its client id ({@code udp-7}), from the
	 * greeting.
	 */
	public String id() {
		return Objects.requireNonNull(this.id, "no greeting received");
	}

	public String address() {
		return "127.0.0.1:" + this.socket.getLocalPort();
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
