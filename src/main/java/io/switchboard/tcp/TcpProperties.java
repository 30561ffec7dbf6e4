package io.switchboard.tcp;

import java.time.Duration;

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
 * @param idleTimeout disconnect clients silent this long; 0 never
 * @param backlog accept queue length (Spring Integration's default of 5 drops connection
 * bursts)
 * @param ssl TLS for the chat port
 * @param heartbeat send {@code * ping} to TCP clients silent this long; 0 = never. With
 * {@code idle-timeout} it reaps half-open peers: the ping's write fails or blocks (then
 * the write timeout applies) where a peer vanished without a FIN
 * @param socketSendBuffer SO_SNDBUF per connection; 0 = the kernel's (auto-tuned, up to
 * several MiB on Linux: kernel memory a client that stops reading can pin on top of its
 * outbox)
 */
@ConfigurationProperties("switchboard.tcp")
@Validated
public record TcpProperties(@DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("9999") @Min(0) @Max(65535) int port, @DefaultValue("line") @NotNull TcpFraming framing,
		@DefaultValue("0s") Duration idleTimeout, @DefaultValue("1024") @Min(1) int backlog, @DefaultValue Ssl ssl,
		@DefaultValue("0s") Duration heartbeat, @DefaultValue("0B") DataSize socketSendBuffer) {

	/**
	 * TLS for the TCP chat port ({@code switchboard.tcp.ssl.*}).
	 *
	 * @param bundle name of a Spring Boot SSL bundle
	 * ({@code spring.ssl.bundle.pem.NAME.*} or {@code jks.NAME.*}); empty = plain TCP
	 * @param clientAuth whether clients must present a certificate the bundle's trust
	 * store vouches for
	 */
	public record Ssl(@DefaultValue("") String bundle, @DefaultValue("none") ClientAuth clientAuth) {

		public boolean enabled() {
			return !this.bundle.isEmpty();
		}

	}

	/**
	 * Client certificate policy.
	 */
	public enum ClientAuth {

		/** No client certificate asked for. */
		NONE,
		/** Asked for, not required. */
		WANT,
		/** Required: a client without a trusted certificate fails the handshake. */
		NEED

	}

	public TcpProperties {
		if (idleTimeout.isNegative() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"switchboard.tcp.idle-timeout must be 0 or positive, was " + idleTimeout);
		}
	}

}
