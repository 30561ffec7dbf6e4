package io.switchboard.tcp;

import java.net.ServerSocket;

import javax.net.ssl.SSLServerSocket;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Makes the chat listener speak TLS with a Spring Boot SSL bundle, asking for client
 * certificates if configured. The handshake runs on the connection's own virtual thread
 * (at its first read or write), never on the accept thread.
 */
final class TlsSupport {

	private TlsSupport() {
	}

	static void apply(TcpNetServerConnectionFactory factory, SslBundle bundle, TcpProperties.ClientAuth clientAuth) {
		DefaultTcpNetSSLSocketFactorySupport sockets = new DefaultTcpNetSSLSocketFactorySupport(
				bundle::createSslContext);
		factory.setTcpSocketFactorySupport(sockets);
		// false: no HTTPS endpoint identification on accepted sockets; on the server side
		// it makes the JDK reject every client certificate.
		factory.setTcpSocketSupport(new DefaultTcpSocketSupport(false) {

			@Override
			public void postProcessServerSocket(ServerSocket serverSocket) {
				super.postProcessServerSocket(serverSocket);
				SSLServerSocket tls = (SSLServerSocket) serverSocket;
				if (bundle.getOptions().getEnabledProtocols() != null) {
					tls.setEnabledProtocols(bundle.getOptions().getEnabledProtocols());
				}
				if (bundle.getOptions().getCiphers() != null) {
					tls.setEnabledCipherSuites(bundle.getOptions().getCiphers());
				}
				switch (clientAuth) {
					case NEED -> tls.setNeedClientAuth(true);
					case WANT -> tls.setWantClientAuth(true);
					case NONE -> {
					}
				}
			}

		});
	}

}
