package io.switchboard.bench;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for {@code bench --tls}: client sockets that trust any server certificate, so that
 * a server on this machine with a self-signed test certificate can be measured. It checks
 * nothing, which is why {@code bench} uses it against loopback addresses only.
 */
final class LoopbackTls {

	private static final SSLSocketFactory FACTORY = trustingAnyCertificate();

	private LoopbackTls() {
	}

	/**
	 * TLS over the connected {@code socket}, handshake done, so that the server holds a
	 * TLS connection even for a client that never sends.
	 */
	static SSLSocket wrap(Socket socket, String host, int port) throws IOException {
		SSLSocket tls = (SSLSocket) FACTORY.createSocket(socket, host, port, true);
		tls.startHandshake();
		return tls;
	}

	private static SSLSocketFactory trustingAnyCertificate() {
		X509TrustManager anyCertificate = new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
				// a client's trust manager: never asked
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
				// any certificate: the server is on this machine (see the class comment)
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		};
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { anyCertificate }, null);
			return context.getSocketFactory();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("no TLS in this JVM", ex);
		}
	}

}
