package io.switchboard.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;

import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slowloris over TLS: a TLS socket reads a whole record per read, each underlying read
 * with a fresh timeout, so a record trickled byte by byte (or a handshake never finished)
 * escaped the read-based line timeout; the line watchdog catches both.
 */
@SwitchboardTest({ "--spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server.crt",
		"--spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server.key",
		"--switchboard.tcp.ssl.bundle=chat", "--switchboard.tcp.line-timeout=2s",
		"--spring.application.name=tls-slow" })
class TlsSlowClientTests {

	@Autowired
	ChatServer server;

	@Test
	void aHandshakeNeverFinishedIsClosedAtTheLineTimeout() throws Exception {
		try (Socket silent = new Socket("127.0.0.1", this.server.tcpPort())) {
			silent.setSoTimeout(10_000);
			silent.getOutputStream().write(0x16); // the first byte of a ClientHello, no
													// more
			assertThat(readToEnd(silent.getInputStream())).as("closed well before the idle timeout").isTrue();
		}
	}

	@Test
	void aRecordTrickledByteByByteInTheMiddleOfALineIsCutAtTheLineTimeout() throws Exception {
		AtomicBoolean trickle = new AtomicBoolean();
		AtomicLong forwarded = new AtomicLong();
		AtomicBoolean drained = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			threads.submit(() -> relay(proxy, trickle, forwarded, drained, threads));
			try (SSLSocket client = TlsTests.connect(proxy.getLocalPort(), null)) {
				BufferedReader in = TlsTests.reader(client);
				assertThat(in.readLine()).startsWith("* welcome");
				OutputStream out = client.getOutputStream();
				long before = forwarded.get();
				out.write("a line begun ".getBytes(StandardCharsets.UTF_8)); // one record
				out.flush();
				// The first record goes through whole: it opens the line.
				await().until(() -> forwarded.get() > before && drained.get());
				trickle.set(true);
				out.write("and never finished\n".getBytes(StandardCharsets.UTF_8)); // the
																					// next,
																					// slowly
				out.flush();
				assertThat(in.readLine()).isEqualTo("ERR line not finished in time");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Relays one connection to the chat port; client to server one byte every 300 ms once
	 * {@code trickle} is set.
	 */
	private Void relay(ServerSocket proxy, AtomicBoolean trickle, AtomicLong forwarded, AtomicBoolean drained,
			ExecutorService threads) throws Exception {
		try (Socket client = proxy.accept(); Socket chat = new Socket()) {
			chat.connect(new InetSocketAddress("127.0.0.1", this.server.tcpPort()));
			threads.submit(() -> chat.getInputStream().transferTo(client.getOutputStream()));
			InputStream from = client.getInputStream();
			OutputStream to = chat.getOutputStream();
			int b;
			while ((b = from.read()) >= 0) {
				drained.set(false);
				to.write(b);
				to.flush();
				forwarded.incrementAndGet();
				drained.set(from.available() == 0);
				if (trickle.get()) {
					TimeUnit.MILLISECONDS.sleep(300); // the attacker's pace
				}
			}
		}
		return null;
	}

	private static boolean readToEnd(InputStream in) {
		try {
			while (in.read() >= 0) {
				// whatever it says, until EOF
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true; // reset: closed too
		}
	}

}
