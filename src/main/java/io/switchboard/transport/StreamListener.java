package io.switchboard.transport;

import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Frame;
import io.switchboard.core.LoopInbox;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * A stream front door's listener (the TCP chat port, the IRC port): a Spring Integration
 * inbound adapter whose messages are the {@link Frame}s its clients send, each with its
 * {@link StreamConnection} in the {@link #CONNECTION} header, and whose connections'
 * other steps (opened, ended, closed) go to its {@link StreamDoor}. Its I/O is an event
 * loop (Netty's, on epoll or NIO, one thread per core): reading and framing happen there,
 * so a connection that is not sending holds no thread, stack or read buffer; what a read
 * yields is handed to the door off the loop, per connection and in order (see
 * {@link StreamConnection}).
 */
public final class StreamListener extends MessageProducerSupport {

	/** The header naming the {@link StreamConnection} a frame came from. */
	public static final String CONNECTION = "switchboard_connection";

	private static final Log logger = LogFactory.getLog(StreamListener.class);

	static {
		// Netty's leak detector tracks one buffer in 128 with a stack trace (about 1% of
		// the CPU at 500k deliveries/s). A batch's buffer is allocated and handed to the
		// socket in one place, which releases it: off unless the system property asks.
		if (System.getProperty("io.netty.leakDetection.level") == null) {
			ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
		}
	}

	private final StreamListenerSettings settings;

	private final Executor handOvers;

	private final ScheduledExecutorService scheduler;

	private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();

	private @Nullable StreamDoor door;

	private volatile @Nullable EventLoopGroup loops;

	/** Each loop's inbox for its connections' outboxes (see LoopInbox). */
	private volatile Map<EventExecutor, LoopInbox> inboxes = Map.of();

	/** Each loop's copy of the line it last wrote alone. */
	private volatile Map<EventExecutor, LoopLineBuffer> lineBuffers = Map.of();

	private volatile @Nullable Channel server;

	private volatile @Nullable ScheduledFuture<?> sweep;

	/**
	 * @param handOvers starts the thread that hands a connection's items to its door
	 * (virtual threads)
	 * @param scheduler runs the sweep for idle connections and late PROXY headers
	 */
	public StreamListener(StreamListenerSettings settings, Executor handOvers, ScheduledExecutorService scheduler) {
		this.settings = settings;
		this.handOvers = handOvers;
		this.scheduler = scheduler;
		// Start after its flow's consumer is subscribed and stop before it (both are 0 by
		// default, in no set order), yet after the graceful shutdown (Integer.MAX_VALUE).
		setPhase(Integer.MAX_VALUE / 2);
	}

	/**
	 * The door its connections' steps go to; set before it starts.
	 */
	public void setDoor(StreamDoor door) {
		this.door = door;
	}

	/**
	 * The connection a frame's message came from.
	 */
	public static StreamConnection connection(MessageHeaders headers) {
		return Objects.requireNonNull(headers.get(CONNECTION, StreamConnection.class));
	}

	public int getPort() {
		Channel bound = this.server;
		return (bound != null) ? ((InetSocketAddress) bound.localAddress()).getPort() : this.settings.port();
	}

	public boolean isListening() {
		Channel bound = this.server;
		return bound != null && bound.isActive();
	}

	/**
	 * How many connections it holds.
	 */
	public int connectionCount() {
		return this.connections.size();
	}

	@Override
	public String getComponentType() {
		return "switchboard:stream-listener";
	}

	@Override
	protected void doStart() {
		String name = this.settings.name();
		// Linux's epoll through Netty's native library where it loads (fewer system calls
		// and copies per write than the JDK's selector); else the JDK's NIO.
		boolean epoll = Epoll.isAvailable();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
				new DefaultThreadFactory("switchboard-" + name, true),
				epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		Map<EventExecutor, LoopInbox> byLoop = new IdentityHashMap<>();
		Map<EventExecutor, LoopLineBuffer> buffers = new IdentityHashMap<>();
		group.forEach((loop) -> {
			byLoop.put(loop, new LoopInbox(loop));
			buffers.put(loop, new LoopLineBuffer());
		});
		this.inboxes = byLoop;
		this.lineBuffers = buffers;
		this.loops = group;
		ServerBootstrap bootstrap = new ServerBootstrap().group(group)
			.channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, this.settings.backlog())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.SO_KEEPALIVE, true)
			// The connection closes when the door is done with the end of its input:
			// after the frames before it (see StreamConnectionEnd).
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			// What waits in user space for a client that does not read: one outbox
			// batch past 32 KiB at most (the kernel's send buffer holds far more); the
			// rest waits in the outbox, whose limits judge slow consumers.
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8 * 1024, 32 * 1024))
			.childHandler(new StreamChannelSetup(this, this.settings));
		if (this.settings.sendBufferBytes() > 0) {
			bootstrap.childOption(ChannelOption.SO_SNDBUF, this.settings.sendBufferBytes());
		}
		try {
			this.server = bootstrap.bind(this.settings.host(), this.settings.port()).sync().channel();
		}
		catch (Exception ex) {
			// A server without one of its doors is not one to run: start-up stops, with a
			// message naming the setting (see ListenerBindFailureAnalyzer).
			this.loops = null;
			group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
			String portSetting = this.settings.portSetting();
			throw ListenerBindException.onPort(name.toUpperCase(Locale.ROOT),
					portSetting.substring(0, portSetting.lastIndexOf('.')) + ".host", portSetting, this.settings.host(),
					this.settings.port(), ex);
		}
		logger.info("The " + name + " listener is listening on " + this.settings.host() + ":" + getPort() + " ("
				+ (epoll ? "epoll" : "NIO, epoll unavailable: " + Epoll.unavailabilityCause()) + ")");
		this.sweep = this.scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
		getApplicationContext().publishEvent(new Listening(name, getPort()));
	}

	@Override
	protected void doStop() {
		ScheduledFuture<?> timer = this.sweep;
		if (timer != null) {
			timer.cancel(false);
		}
		Channel bound = this.server;
		if (bound != null) {
			bound.close().syncUninterruptibly();
		}
		this.connections.forEach(StreamConnection::close);
		EventLoopGroup group = this.loops;
		if (group != null) {
			group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		}
		this.loops = null;
		// Their loops have ended: nothing writes from them any more.
		this.lineBuffers.values().forEach(LoopLineBuffer::release);
	}

	// The steps of a connection, from its handlers on the event loop: each is handed to
	// the door in order.

	/**
	 * The inbox of one of this listener's event loops.
	 */
	LoopInbox inboxOf(EventExecutor loop) {
		return Objects.requireNonNull(this.inboxes.get(loop), "not a loop of this listener");
	}

	/**
	 * The line buffer of one of this listener's event loops (used on that loop only).
	 */
	LoopLineBuffer lineBufferOf(EventExecutor loop) {
		return Objects.requireNonNull(this.lineBuffers.get(loop), "not a loop of this listener");
	}

	void accepted(StreamConnection connection) {
		this.connections.add(connection);
	}

	void opened(StreamConnection connection) {
		connection.hand(() -> door().opened(connection));
	}

	void frame(StreamConnection connection, Frame frame) {
		Runnable item = () -> {
			// Frames read once the listener or its flow has stopped (a client sending
			// through shutdown, its session closed already) have nowhere to go. The flow
			// stops its consumer just before this listener, so a frame read in between
			// finds no subscriber: dropped, not a door failure logged per frame.
			if (!isRunning()) {
				return;
			}
			try {
				ClientSession session = door().session(connection);
				sendMessage(new GenericMessage<>(frame, (session != null)
						? Map.of(CONNECTION, connection, ChatHub.SESSION, session) : Map.of(CONNECTION, connection)));
			}
			catch (MessageDeliveryException ex) {
				logger.debug("Frame from " + connection + " dropped, its flow has stopped: " + ex.getMessage());
			}
		};
		if (door().takesAtOnce(connection, frame)) {
			connection.handHere(item);
		}
		else {
			connection.hand(item);
		}
	}

	void ended(StreamConnection connection, CloseReason reason, @Nullable Throwable cause) {
		connection.hand(() -> {
			door().ended(connection, reason, cause);
			connection.close();
		});
	}

	void closed(StreamConnection connection) {
		this.connections.remove(connection);
		connection.hand(() -> door().closed(connection));
	}

	void proxyHeaderFailed(StreamConnection connection, ProxyHeaderException failure) {
		connection.hand(() -> door().proxyHeaderFailed(connection, failure));
	}

	void proxyHeaderRefused(StreamConnection connection) {
		connection.hand(() -> door().proxyHeaderRefused(connection));
	}

	void handOver(Runnable handing) {
		this.handOvers.execute(handing);
	}

	/**
	 * Idle connections (silent longer than the idle timeout) end; trusted proxies'
	 * headers not complete within {@link ProxyProtocol#HEADER_TIMEOUT} fail; the door
	 * checks the rest ({@link StreamDoor#swept}): one pass over the connections for all
	 * the timers.
	 */
	private void sweep() {
		long now = System.nanoTime();
		long idle = TimeUnit.MILLISECONDS.toNanos(this.settings.idleTimeoutMillis());
		long header = ProxyProtocol.HEADER_TIMEOUT.toNanos();
		// Looking a handler up walks the pipeline: not for 19,000 connections a second
		// on a door that takes no PROXY headers.
		boolean proxied = this.settings.proxy() != null;
		for (StreamConnection connection : this.connections) {
			Channel channel = connection.channel();
			ProxyHeaderReader reader = proxied ? channel.pipeline().get(ProxyHeaderReader.class) : null;
			if (reader != null && now - connection.createdNanos() > header) {
				channel.eventLoop().execute(reader::timedOut);
			}
			else if (idle > 0 && now - connection.lastReadNanos() > idle && connection.endOnce()) {
				ended(connection, CloseReason.IDLE, null);
			}
			else {
				door().swept(connection, now);
			}
		}
	}

	/**
	 * Published once a listener is listening (its port, which may have been 0 until
	 * bound).
	 */
	public record Listening(String name, int port) {
	}

	private StreamDoor door() {
		return Objects.requireNonNull(this.door, "no door set");
	}

}
