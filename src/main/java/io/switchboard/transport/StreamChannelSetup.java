package io.switchboard.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.handler.ssl.SslHandler;
import jdk.net.ExtendedSocketOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sets up each connection a {@link StreamListener} accepts: keep-alive timing, then its
 * pipeline, in the order the bytes pass: a trusted proxy's PROXY header (before TLS), TLS
 * (a fresh engine from the listener's current SSL bundle, so a reloaded bundle serves new
 * connections), the refusal of a header from anyone else (on what TLS decrypted), the
 * frame cutter, and the connection's end.
 */
final class StreamChannelSetup extends ChannelInitializer<SocketChannel> {

	private static final Log logger = LogFactory.getLog(StreamChannelSetup.class);

	private final StreamListener listener;

	private final StreamListenerSettings settings;

	StreamChannelSetup(StreamListener listener, StreamListenerSettings settings) {
		this.listener = listener;
		this.settings = settings;
	}

	@Override
	protected void initChannel(SocketChannel channel) {
		applyKeepAlive(channel, this.settings.keepAlive());
		TlsSupport tls = this.settings.tls();
		ProxyProtocol proxy = this.settings.proxy();
		StreamConnection connection = new StreamConnection(channel, this.listener, tls != null);
		ChannelPipeline pipeline = channel.pipeline();
		if (proxy != null && proxy.expectsHeaderFrom(channel.remoteAddress().getAddress())) {
			pipeline.addLast(new ProxyHeaderReader(connection, proxy.mode()));
		}
		if (tls != null) {
			SslHandler ssl = new SslHandler(tls.newEngine());
			// A handshake that does not finish is cut at the door's line timeout.
			ssl.setHandshakeTimeoutMillis(0);
			ssl.handshakeFuture().addListener((done) -> {
				if (done.isSuccess()) {
					connection.handshakeDone();
				}
			});
			pipeline.addLast(ssl);
		}
		if (proxy != null) {
			pipeline.addLast(new ProxyHeaderSniffer(() -> this.listener.proxyHeaderRefused(connection)));
		}
		pipeline.addLast(this.settings.cutting().cutter(connection));
		pipeline.addLast(new StreamConnectionEnd(connection));
		this.listener.accepted(connection);
	}

	/**
	 * The kernel's defaults (2 hours idle, then 9 probes 75 s apart on Linux) keep a peer
	 * that vanished without a FIN listed for over two hours; these find it within idle +
	 * interval x count, without a line the client could see.
	 */
	private static void applyKeepAlive(SocketChannel channel, StreamListenerSettings.@Nullable KeepAlive keepAlive) {
		if (keepAlive == null) {
			return;
		}
		try {
			if (channel instanceof EpollSocketChannel) {
				channel.config().setOption(EpollChannelOption.TCP_KEEPIDLE, keepAlive.idle());
				channel.config().setOption(EpollChannelOption.TCP_KEEPINTVL, keepAlive.interval());
				channel.config().setOption(EpollChannelOption.TCP_KEEPCNT, keepAlive.count());
				return;
			}
			channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), keepAlive.idle());
			channel.config()
				.setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), keepAlive.interval());
			channel.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), keepAlive.count());
		}
		catch (RuntimeException ex) {
			logger.debug("Keep-alive timing not set on " + channel + ": " + ex);
		}
	}

}
