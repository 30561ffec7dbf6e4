package io.switchboard.transport;

import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * TLS for a stream listener (the chat port, the IRC port) from a Spring Boot SSL bundle.
 * Each accepted connection gets a server-side {@link SSLEngine} made from the bundle's
 * current {@link SSLContext}, so a bundle that reloads (e.g.
 * {@code spring.ssl.bundle.pem.NAME.reload-on-update=true}) serves its new certificate to
 * new connections without a restart. The handshake runs on the listener's event loop; one
 * that never finishes is the door's to cut ({@link StreamConnection#isOverdue}).
 */
public final class TlsSupport {

	private static final Log logger = LogFactory.getLog(TlsSupport.class);

	private final AtomicReference<Current> current = new AtomicReference<>();

	private final ClientAuth clientAuth;

	/**
	 * @param bundles the application's SSL bundles
	 * @param name the bundle to serve; it must exist
	 * @param clientAuth whether clients are asked for a certificate
	 */
	public TlsSupport(SslBundles bundles, String name, ClientAuth clientAuth) {
		this.clientAuth = clientAuth;
		this.current.set(Current.of(bundles.getBundle(name)));
		bundles.addBundleUpdateHandler(name, (bundle) -> {
			this.current.set(Current.of(bundle));
			logger.info("SSL bundle " + name + " reloaded: new TLS connections use the new certificate");
		});
	}

	/**
	 * A server-side engine from the bundle's current context, for an event-loop
	 * listener's connection.
	 */
	public SSLEngine newEngine() {
		Current now = this.current.get();
		SSLEngine engine = now.context.createSSLEngine();
		engine.setUseClientMode(false);
		engine.setSSLParameters(parameters(now));
		return engine;
	}

	private SSLParameters parameters(Current now) {
		SSLParameters parameters = now.context.getDefaultSSLParameters();
		if (now.bundle.getOptions().getEnabledProtocols() != null) {
			parameters.setProtocols(now.bundle.getOptions().getEnabledProtocols());
		}
		if (now.bundle.getOptions().getCiphers() != null) {
			parameters.setCipherSuites(now.bundle.getOptions().getCiphers());
		}
		switch (this.clientAuth) {
			case NEED -> parameters.setNeedClientAuth(true);
			case WANT -> parameters.setWantClientAuth(true);
			case NONE -> {
			}
		}
		return parameters;
	}

	/**
	 * Client certificate policy ({@code switchboard.tcp.ssl.client-auth},
	 * {@code switchboard.irc.ssl.client-auth}).
	 */
	public enum ClientAuth {

		/** No client certificate asked for. */
		NONE,
		/** Asked for, not required. */
		WANT,
		/** Required: a client without a trusted certificate fails the handshake. */
		NEED

	}

	private record Current(SslBundle bundle, SSLContext context) {

		static Current of(SslBundle bundle) {
			return new Current(bundle, bundle.createSslContext());
		}

	}

}
