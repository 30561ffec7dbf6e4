package io.switchboard.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * A TCP, TLS or Unix stream connection carrying LF-terminated lines. It sends an empty
 * line (a heartbeat the server shows nobody) every {@link UdpLink#HEARTBEAT_SECONDS}
 * seconds, so a reader who never types stays within the server's idle timeout.
 */
final class StreamLink implements ServerLink {

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private final BufferedReader in;

	private final OutputStream out;

	private final Closeable closer;

	private final ScheduledExecutorService heartbeat;

	private StreamLink(BufferedReader in, OutputStream out, Closeable closer) {
		this.in = in;
		this.out = out;
		this.closer = closer;
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
		this.heartbeat.scheduleWithFixedDelay(this::beat, UdpLink.HEARTBEAT_SECONDS, UdpLink.HEARTBEAT_SECONDS,
				TimeUnit.SECONDS);
	}

	static StreamLink open(ClientOptions options) throws IOException {
		if (options.unixPath() != null) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.connect(UnixDomainSocketAddress.of(options.unixPath()));
			return new StreamLink(reader(Channels.newInputStream(channel)), Channels.newOutputStream(channel),
					channel::close);
		}
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(options.host(), options.port()), CONNECT_TIMEOUT_MILLIS);
		if (options.tls()) {
			socket = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, options.host(),
					options.port(), true);
		}
		Socket connected = socket;
		return new StreamLink(reader(connected.getInputStream()), connected.getOutputStream(), connected::close);
	}

	@Override
	public void send(String line) throws IOException {
		write((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private synchronized void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	private void beat() {
		try {
			write(new byte[] { '\n' });
		}
		catch (IOException ex) {
			// the reader sees the connection end and reconnects
		}
	}

	@Override
	public @Nullable String receive() throws IOException {
		return this.in.readLine();
	}

	@Override
	public void close() throws IOException {
		this.heartbeat.shutdownNow();
		this.closer.close();
	}

	private static BufferedReader reader(InputStream in) {
		return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
	}

	private interface Closeable {

		void close() throws IOException;

	}

}
