package io.switchboard.irc;

import java.time.Duration;
import java.util.List;

import io.switchboard.transport.ProxyProtocol;
import io.switchboard.transport.TlsSupport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The IRC front door ({@code switchboard.irc.*}).
 *
 * @param enabled whether IRC clients are accepted
 * @param host address to bind
 * @param port port to listen on (6667 by convention, 6697 with TLS; 0 picks a free one)
 * @param serverName the server's name in replies and prefixes
 * @param network the network's name ({@code NETWORK} in ISUPPORT, the welcome)
 * @param motd the message of the day: text (lines separated by LF), or empty for none
 * @param registrationTimeout a connection that has not finished registering (NICK, USER,
 * CAP END) by then is closed
 * @param pingInterval a client silent this long is sent {@code PING}
 * @param pingTimeout a client sent {@code PING} is closed if it still says nothing this
 * long after
 * @param backlog accept queue length
 * @param ssl TLS for the IRC port: with a bundle the port speaks only TLS
 * @param lineTimeout how long a started line, or a TLS handshake, may take to end; a
 * client slower than that is closed
 * @param operators the IRC operators ({@code OPER name password}); none by default
 * @param proxyProtocol PROXY protocol headers taken from {@code proxyTrusted} peers, as
 * on the chat port: {@code off}, {@code v1}, {@code v2} or {@code any}
 * @param proxyTrusted addresses and CIDR networks of the proxies whose connections must
 * start with a PROXY header; from any other peer a header is refused
 * @param tlsPort a second port, speaking TLS from {@code ssl.bundle}, beside a plain
 * {@code port} (6697 beside 6667); unset: one port, TLS with a bundle and plain without
 */
@ConfigurationProperties("switchboard.irc")
@Validated
public record IrcProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("6667") @Min(0) @Max(65535) int port,
		@DefaultValue("switchboard") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9.-]{0,62}") String serverName,
		@DefaultValue("Switchboard") @Pattern(regexp = "[A-Za-z0-9_.-]{1,32}") String network,
		@DefaultValue("") String motd, @DefaultValue("30s") Duration registrationTimeout,
		@DefaultValue("2m") Duration pingInterval, @DefaultValue("1m") Duration pingTimeout,
		@DefaultValue("1024") @Min(1) int backlog, @DefaultValue Ssl ssl, @DefaultValue("10s") Duration lineTimeout,
		@DefaultValue List<@Valid Operator> operators, @DefaultValue("off") @NotNull ProxyProtocol.Mode proxyProtocol,
		@DefaultValue List<String> proxyTrusted, @Nullable @Min(0) @Max(65535) Integer tlsPort) {

	public IrcProperties {
		ProxyProtocol.configured("switchboard.irc", proxyProtocol, proxyTrusted);
		if (tlsPort != null && !ssl.enabled()) {
			throw new IllegalArgumentException(
					"switchboard.irc.tls-port needs a certificate: set switchboard.irc.ssl.bundle");
		}
		for (Duration duration : new Duration[] { registrationTimeout, pingInterval, pingTimeout, lineTimeout }) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(
						"switchboard.irc timeouts and intervals must be positive, was " + duration);
			}
		}
	}

	/**
	 * The PROXY protocol on the IRC listeners (both, with {@code tls-port}).
	 */
	public ProxyProtocol proxy() {
		return new ProxyProtocol(this.proxyProtocol, this.proxyTrusted);
	}

	/**
	 * Whether the {@code port} speaks TLS: with a bundle and no {@code tls-port}.
	 */
	public boolean tlsOnPort() {
		return this.ssl.enabled() && this.tlsPort == null;
	}

	/**
	 * One IRC operator ({@code switchboard.irc.operators[i].*}): who may {@code OPER}.
	 *
	 * @param name the name given to {@code OPER}
	 * @param password the password as Spring Security's {@code DelegatingPasswordEncoder}
	 * stores it: {@code {bcrypt}$2a$10$...} (from {@code htpasswd -bnBC 10 "" PASSWORD}
	 * or Spring Boot's CLI), or {@code {noop}PASSWORD} in plain text for tests
	 */
	public record Operator(@NotBlank String name, @NotBlank String password) {

		public Operator {
			if (!IrcOperators.isEncoded(password)) {
				throw new IllegalArgumentException("switchboard.irc.operators[].password of " + name
						+ " must start with the encoder's id: {bcrypt}HASH, or {noop}PASSWORD");
			}
		}

		@Override
		public String toString() {
			return "Operator[name=" + this.name + ", password=******]";
		}

	}

	/**
	 * TLS for the IRC port ({@code switchboard.irc.ssl.*}), as for the chat port.
	 *
	 * @param bundle name of a Spring Boot SSL bundle
	 * ({@code spring.ssl.bundle.pem.NAME.*} or {@code jks.NAME.*}); empty = plain IRC
	 * @param clientAuth whether clients must present a certificate the bundle's trust
	 * store vouches for ({@code none}, {@code want}, {@code need})
	 */
	public record Ssl(@DefaultValue("") String bundle,
			@DefaultValue("none") @NotNull TlsSupport.ClientAuth clientAuth) {

		public Ssl {
			if (bundle.isEmpty() && clientAuth != TlsSupport.ClientAuth.NONE) {
				throw new IllegalArgumentException(
						"switchboard.irc.ssl.client-auth needs a bundle: set switchboard.irc.ssl.bundle");
			}
		}

		public boolean enabled() {
			return !this.bundle.isEmpty();
		}

	}

}
