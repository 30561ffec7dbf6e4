package io.switchboard.tcp;

import java.time.Duration;
import java.util.List;

import io.switchboard.transport.ProxyProtocol;
import io.switchboard.transport.StreamSettings;
import io.switchboard.transport.TcpFraming;
import io.switchboard.transport.TlsSupport;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The TCP chat listener ({@code switchboard.tcp.*}).
 *
 * @param host address to bind
 * @param port port to listen on; 0 picks a free one
 * @param framing {@code line} (LF-terminated) or {@code chunk} (each read is a message)
 * @param idleTimeout disconnect clients silent this long (an empty line counts: it is the
 * heartbeat the terminal client sends); 0 never. On by default so that a silent
 * connection cannot hold a slot forever; 15 minutes, as UDP members already have to speak
 * within {@code switchboard.udp.peer-timeout}
 * @param backlog accept queue length (Spring Integration's default of 5 drops connection
 * bursts)
 * @param ssl TLS for the chat port
 * @param heartbeat send {@code * ping} to TCP clients silent this long; 0 = never. With
 * {@code idle-timeout} it reaps half-open peers: the ping's write fails or blocks (then
 * the write timeout applies) where a peer vanished without a FIN
 * @param socketSendBuffer SO_SNDBUF per connection; 0 = the kernel's (auto-tuned, up to
 * several MiB on Linux: kernel memory a client that stops reading can pin on top of its
 * outbox)
 * @param lineTimeout how long a started line may take to end (line framing); a client
 * that trickles a line slower gets {@code ERR line not finished in time} and is closed; 0
 * = no limit
 * @param keepAlive TCP keep-alive timing, so a peer that vanished without a FIN is found
 * @param proxyProtocol PROXY protocol headers taken from {@code proxyTrusted} peers:
 * {@code off}, {@code v1}, {@code v2} or {@code any}
 * @param proxyTrusted addresses and CIDR networks of the proxies (load balancers) whose
 * connections must start with a PROXY header; from any other peer a header is refused
 */
@ConfigurationProperties("switchboard.tcp")
@Validated
public record TcpProperties(@DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("9999") @Min(0) @Max(65535) int port, @DefaultValue("line") @NotNull TcpFraming framing,
		@DefaultValue("15m") Duration idleTimeout, @DefaultValue("1024") @Min(1) int backlog, @DefaultValue Ssl ssl,
		@DefaultValue("0s") Duration heartbeat, @DefaultValue("0B") DataSize socketSendBuffer,
		@DefaultValue("10s") Duration lineTimeout, @DefaultValue KeepAlive keepAlive,
		@DefaultValue("off") @NotNull ProxyProtocol.Mode proxyProtocol,
		@DefaultValue List<String> proxyTrusted) implements StreamSettings {

	/**
	 * TCP keep-alive timing ({@code switchboard.tcp.keep-alive.*}): after {@code idle}
	 * without traffic the kernel probes every {@code interval}, and drops the connection
	 * after {@code count} unanswered probes (2 minutes with the defaults). A live client
	 * answers the probes in its kernel: it sees nothing.
	 *
	 * @param idle silence before the first probe
	 * @param interval time between probes
	 * @param count unanswered probes before the connection is dropped
	 */
	public record KeepAlive(@DefaultValue("60s") Duration idle, @DefaultValue("10s") Duration interval,
			@DefaultValue("6") @Min(1) @Max(127) int count) {

		public KeepAlive {
			if (idle.toSeconds() < 1 || idle.toSeconds() > 32767) {
				throw new IllegalArgumentException("switchboard.tcp.keep-alive.idle must be 1s to 32767s, was " + idle);
			}
			if (interval.toSeconds() < 1 || interval.toSeconds() > 32767) {
				throw new IllegalArgumentException(
						"switchboard.tcp.keep-alive.interval must be 1s to 32767s, was " + interval);
			}
		}

	}

	/**
	 * TLS for the TCP chat port ({@code switchboard.tcp.ssl.*}).
	 *
	 * @param bundle name of a Spring Boot SSL bundle
	 * ({@code spring.ssl.bundle.pem.NAME.*} or {@code jks.NAME.*}); empty = plain TCP
	 * @param clientAuth whether clients must present a certificate the bundle's trust
	 * store vouches for
	 */
	public record Ssl(@DefaultValue("") String bundle, @DefaultValue("none") TlsSupport.ClientAuth clientAuth) {

		public boolean enabled() {
			return !this.bundle.isEmpty();
		}

	}

	public TcpProperties {
		if (idleTimeout.isNegative() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"switchboard.tcp.idle-timeout must be 0 or positive, was " + idleTimeout);
		}
		if (lineTimeout.isNegative() || lineTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"switchboard.tcp.line-timeout must be 0 or positive, was " + lineTimeout);
		}
		ProxyProtocol.configured("switchboard.tcp", proxyProtocol, proxyTrusted);
	}

}
