package io.switchboard.unix;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Frame;
import io.switchboard.core.Protocol;
import io.switchboard.transport.ListenerBindException;
import io.switchboard.transport.StreamLifecycle;
import io.switchboard.transport.StreamTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.GenericMessage;

/**
 * The Unix stream listener: the JDK's Unix domain {@link ServerSocketChannel} (Spring
 * Integration's IP module has no Unix sockets), one virtual-thread reader per connection,
 * TCP's framing and the same hub. Clients show as {@code unix:N}. An inbound adapter:
 * each frame leaves with its client's session in the {@link ChatHub#SESSION} header, for
 * the door's flow to route to the hub.
 */
public final class UnixStreamServer extends MessageProducerSupport {

	private static final Log logger = LogFactory.getLog(UnixStreamServer.class);

	private final Path path;

	private final ChatHub hub;

	private final Deserializer<Frame> deserializer;

	private final ExecutorService executor;

	private final ScheduledExecutorService scheduler;

	private volatile @Nullable ServerSocketChannel server;

	UnixStreamServer(Path path, ChatHub hub, Deserializer<Frame> deserializer, ExecutorService executor,
			ScheduledExecutorService scheduler) {
		this.path = path;
		this.hub = hub;
		this.deserializer = deserializer;
		this.executor = executor;
		this.scheduler = scheduler;
		// As the TCP listener: start after the flow's consumer, stop before it, and after
		// the graceful shutdown.
		setPhase(Integer.MAX_VALUE / 2);
	}

	@Override
	protected void doStart() {
		try {
			SocketFiles.clear(this.path);
			ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			channel.bind(UnixDomainSocketAddress.of(this.path), 1024);
			SocketFiles.restrictToOwner(this.path);
			this.server = channel;
			this.executor.execute(() -> acceptLoop(channel));
			logger.info("Unix stream listener on " + this.path);
		}
		catch (IOException ex) {
			throw ListenerBindException.onPath("Unix stream", "switchboard.unix.stream-path", this.path, false, ex);
		}
		catch (SocketFiles.LiveSocketException ex) {
			throw ListenerBindException.onPath("Unix stream", "switchboard.unix.stream-path", this.path, true, ex);
		}
	}

	@Override
	protected void doStop() {
		ServerSocketChannel channel = this.server;
		this.server = null;
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				logger.debug("Closing " + this.path + ": " + ex);
			}
			SocketFiles.delete(this.path);
		}
	}

	public boolean isListening() {
		ServerSocketChannel channel = this.server;
		return channel != null && channel.isOpen();
	}

	public Path path() {
		return this.path;
	}

	private void acceptLoop(ServerSocketChannel channel) {
		while (channel.isOpen()) {
			try {
				SocketChannel client = channel.accept();
				this.executor.execute(() -> serve(client));
			}
			catch (IOException ex) {
				if (channel.isOpen()) {
					logger.warn("Accept on " + this.path + " failed", ex);
				}
			}
		}
	}

	private void serve(SocketChannel channel) {
		ChannelEndpoint endpoint = new ChannelEndpoint(channel);
		StreamLifecycle lifecycle = new StreamLifecycle(this.hub, Protocol.UNIX_STREAM, endpoint, this.scheduler);
		ClientSession session = lifecycle.open(UnixNames.next(), null);
		InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 4096);
		try {
			while (true) {
				Frame frame = this.deserializer.deserialize(in);
				if (session != null) { // else refused: its input is drained and ignored
					send(session, frame);
				}
			}
		}
		catch (SoftEndOfStreamException ex) {
			lifecycle.ended(CloseReason.EOF, null);
		}
		catch (IOException | RuntimeException ex) {
			lifecycle.ended(CloseReason.ERROR, ex);
		}
		finally {
			endpoint.close();
			lifecycle.closed();
		}
	}

	private void send(ClientSession session, Frame frame) {
		try {
			// No RECEIVED_NANOS: the hub takes the frame as read when it arrives, which
			// on this reader's own thread is now.
			sendMessage(new GenericMessage<>(frame, Map.of(ChatHub.SESSION, session)));
		}
		catch (MessageDeliveryException ex) {
			logger.debug("Frame from " + session + " dropped, its flow has stopped: " + ex.getMessage());
		}
	}

	/**
	 * A blocking Unix {@link SocketChannel} as a stream endpoint.
	 */
	private record ChannelEndpoint(SocketChannel channel) implements StreamTransport.Endpoint {

		@Override
		public void write(byte[] bytes) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
		}

		@Override
		public void shutdownOutput() throws IOException {
			this.channel.shutdownOutput();
		}

		@Override
		public void close() {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
