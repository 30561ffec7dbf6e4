package io.switchboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A test-only UDP chat peer over a real loopback socket.
 */
public final class UdpProbe implements AutoCloseable {

	private final DatagramSocket socket;

	private final InetSocketAddress server;

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
	 * Do the verified join and read the greeting.
	 * @return the greeting
	 */
	public String join() {
		send("hello");
		String challenge = receive();
		if (!challenge.startsWith("* /join ")) {
			throw new AssertionError("Expected a join challenge, got " + challenge);
		}
		send(challenge.substring(2));
		return receive();
	}

	public UdpProbe send(String text) {
		return sendRaw((text + "\n").getBytes(StandardCharsets.UTF_8));
	}

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
			return Optional
				.of(new String(Arrays.copyOf(buffer, packet.getLength()), StandardCharsets.UTF_8).stripTrailing());
		}
		catch (SocketTimeoutException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String receiveUntil(java.util.function.Predicate<String> wanted) {
		while (true) {
			String line = receive();
			if (wanted.test(line)) {
				return line;
			}
		}
	}

	public String address() {
		return "127.0.0.1:" + this.socket.getLocalPort();
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
