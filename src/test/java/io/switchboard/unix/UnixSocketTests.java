package io.switchboard.unix;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import io.switchboard.terminal.TerminalClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@SwitchboardTest({ "--switchboard.unix.stream-path=target/unix-test/stream.sock",
		"--switchboard.unix.datagram-path=target/unix-test/datagram.sock" })
class UnixSocketTests {

	private static final Path STREAM = Path.of("target/unix-test/stream.sock");

	private static final Path DATAGRAM = Path.of("target/unix-test/datagram.sock");

	@Autowired
	ChatServer server;

	@Test
	void unixStreamAndDatagramMembersChatWithTcpAndUdpInOneRoom() throws Exception {
		String room = "u" + UUID.randomUUID().toString().substring(0, 8);
		try (UnixLineClient stream = new UnixLineClient(STREAM);
				UnixDatagramPeer datagram = new UnixDatagramPeer();
				LineClient tcp = LineClient.connected(this.server.tcpPort());
				UdpProbe udp = new UdpProbe(this.server.udpPort())) {
			String greeting = stream.readLine();
			assertThat(greeting)
				.matches("\\* welcome to switchboard, you are unix:\\d+ in room lobby; /help for commands");
			String streamFrom = greeting.replaceAll(".* you are (unix:\\d+) .*", "$1");
			udp.join();
			datagram.send("/join " + room);
			assertThat(datagram.receiveUntil("* you are now in room ")).isEqualTo("* you are now in room " + room);
			for (String command : new String[] { "/join " + room }) {
				stream.send(command);
				assertThat(stream.readLine()).isEqualTo("* you are now in room " + room);
				assertThat(tcp.command(command)).isEqualTo("* you are now in room " + room);
				udp.send(command);
				assertThat(udp.receive()).isEqualTo("* you are now in room " + room);
			}

			stream.send("from unix stream");
			String fromStream = " " + streamFrom + " from unix stream";
			assertThat(tcp.readLine()).endsWith(fromStream);
			assertThat(udp.receive()).endsWith(fromStream);
			assertThat(datagram.receiveUntil("[")).endsWith(fromStream);
			assertThat(stream.readLine()).endsWith(fromStream);

			datagram.send("from unix datagram");
			assertThat(tcp.readLine()).matches(".* unix:\\d+ from unix datagram");
			assertThat(stream.readLine()).endsWith(" from unix datagram");

			String clients = this.server.get("/actuator/clients").body();
			assertThat((List<String>) JsonPath.read(clients, "$.clients[*].protocol")).contains("unix-stream",
					"unix-datagram", "tcp", "udp");
			String health = this.server.get("/actuator/health").body();
			assertThat((Boolean) JsonPath.read(health, "$.components.unixStream.details.listening")).isTrue();
			assertThat((Boolean) JsonPath.read(health, "$.components.unixDatagram.details.listening")).isTrue();
			assertThat(this.server.get("/actuator/prometheus").body())
				.contains("switchboard_clients{application=\"switchboard\",protocol=\"unix-stream\"} 1.0");

			stream.send("quit");
			assertThat(stream.readToEnd()).containsExactly("* bye");
		}
	}

	@Test
	void terminalClientChatsOverTheUnixStreamSocketAndCtrlDLeavesWithStatusZero() throws Exception {
		PipedOutputStream keyboard = new PipedOutputStream();
		PipedInputStream stdin = new PipedInputStream(keyboard);
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		PrintStream stdout = new PrintStream(screen, true, StandardCharsets.UTF_8);
		try (LineClient tcp = LineClient.connected(this.server.tcpPort())) {
			CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
					() -> TerminalClient.run(new String[] { "--unix", STREAM.toString() }, stdin, stdout, stdout));
			Awaitility.await().until(() -> screen.toString(StandardCharsets.UTF_8).contains("* welcome"));
			keyboard.write("typed over unix\n".getBytes(StandardCharsets.UTF_8));
			keyboard.flush();
			assertThat(tcp.readUntil((line) -> line.endsWith(" typed over unix")))
				.matches(".* unix:\\d+ typed over unix");
			keyboard.close(); // Ctrl-D
			assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
			assertThat(screen.toString(StandardCharsets.UTF_8)).contains("* bye");
		}
	}

	@Test
	void aUnixStreamClientSendsAndReceivesPrivateMessagesAndReadsHistory() throws Exception {
		String room = "u" + UUID.randomUUID().toString().substring(0, 8);
		try (UnixLineClient stream = new UnixLineClient(STREAM);
				LineClient tcp = LineClient.connected(this.server.tcpPort())) {
			stream.readLine();
			stream.send("/nick unix" + room);
			assertThat(stream.readLine()).isEqualTo("* you are now unix" + room);
			tcp.command("/nick tcp" + room);
			tcp.send("/msg unix" + room + " hello unix").readLine();
			assertThat(stream.readLine()).endsWith("] tcp" + room + " -> unix" + room + ": hello unix");
			stream.send("/msg tcp" + room + " hello tcp");
			assertThat(stream.readLine()).endsWith("] unix" + room + " -> tcp" + room + ": hello tcp");
			assertThat(tcp.readLine()).endsWith("] unix" + room + " -> tcp" + room + ": hello tcp");

			stream.send("/join " + room);
			assertThat(stream.readLine()).isEqualTo("* you are now in room " + room);
			stream.send("kept line");
			String said = stream.readLine();
			stream.send("/history");
			assertThat(List.of(stream.readLine(), stream.readLine(), stream.readLine()))
				.containsExactly("* history of " + room + ": 1 lines", said, "* end of history");
		}
	}

	@Test
	void socketFilesAreOwnerOnly() throws IOException {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(STREAM))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATAGRAM))).isEqualTo("rw-------");
	}

	@Test
	void staleSocketFileIsReplacedLiveOneRefusedAndFilesAreRemovedAfterAGracefulShutdown() throws Exception {
		Path dir = Files.createDirectories(Path.of("target/unix-test/" + UUID.randomUUID().toString().substring(0, 8)));
		Path stream = dir.resolve("s.sock");
		Path datagram = dir.resolve("d.sock");
		try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			crashed.bind(UnixDomainSocketAddress.of(stream)); // closed below without
																// removing its file
		}
		assertThat(stream).exists();
		ConfigurableApplicationContext app = start(stream, datagram);
		try {
			assertThat(app.getBean(UnixStreamServer.class).isListening()).isTrue();
			assertThatException().isThrownBy(() -> start(stream, dir.resolve("other.sock")))
				.withStackTraceContaining("Another server is listening on " + stream);
			try (UnixLineClient client = new UnixLineClient(stream)) {
				client.readLine();
				app.close();
				assertThat(client.readToEnd()).containsExactly("* server shutting down");
			}
		}
		finally {
			app.close();
		}
		assertThat(stream).doesNotExist();
		assertThat(datagram).doesNotExist();
	}

	@Test
	void unixListenersArePartOfReadinessAndItGoesDownWhenOneStopsListening() throws Exception {
		Path dir = Files.createDirectories(Path.of("target/unix-test/" + UUID.randomUUID().toString().substring(0, 8)));
		Path stream = dir.resolve("s.sock");
		ConfigurableApplicationContext app = start(stream, dir.resolve("d.sock"));
		try {
			URI readiness = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")
					+ "/actuator/health/readiness");
			HttpResponse<String> ready = get(readiness);
			assertThat(ready.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(ready.body(), "$.components.unixStream.details.path"))
				.isEqualTo(stream.toString());
			assertThat((String) JsonPath.read(ready.body(), "$.components.unixDatagram.status")).isEqualTo("UP");

			app.getBean(UnixStreamServer.class).stop();

			HttpResponse<String> down = get(readiness);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat((Boolean) JsonPath.read(down.body(), "$.components.unixStream.details.listening")).isFalse();
		}
		finally {
			app.close();
		}
	}

	/**
	 * As the admin: readiness shows its components to no one else.
	 */
	private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			String credentials = Base64.getEncoder()
				.encodeToString((ChatServer.ADMIN + ":" + ChatServer.PASSWORD).getBytes());
			return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic " + credentials).build(),
					HttpResponse.BodyHandlers.ofString());
		}
	}

	private static ConfigurableApplicationContext start(Path stream, Path datagram) {
		return new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.enabled=false",
				"--switchboard.unix.stream-path=" + stream, "--switchboard.unix.datagram-path=" + datagram,
				"--switchboard.admin.username=" + ChatServer.ADMIN,
				"--switchboard.admin.password=" + ChatServer.PASSWORD);
	}

	@Test
	@Timeout(30) // the channel has no read timeout; interrupting it closes it
	void http2PrefaceOnTheUnixStreamSocketGetsA400AndIsClosed() throws Exception {
		try (UnixLineClient stream = new UnixLineClient(STREAM);
				LineClient member = LineClient.connected(this.server.tcpPort())) {
			stream.send("PRI * HTTP/2.0");
			assertThat(stream.readToEnd()).containsSubsequence("HTTP/1.1 400 Bad Request", "Content-Type: text/plain",
					"Content-Length: 24", "Connection: close", "", "ERR this is a chat port");
			assertThat(member.command("/ping")).isEqualTo("* pong");
		}
	}

	/**
	 * A line client over a Unix stream socket.
	 */
	static final class UnixLineClient implements AutoCloseable {

		private final SocketChannel channel;

		private final BufferedReader in;

		UnixLineClient(Path path) throws IOException {
			this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			this.channel.connect(UnixDomainSocketAddress.of(path));
			this.in = new BufferedReader(
					new InputStreamReader(Channels.newInputStream(this.channel), StandardCharsets.UTF_8));
		}

		void send(String line) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
		}

		String readLine() throws IOException {
			String line = this.in.readLine();
			assertThat(line).as("a line before EOF").isNotNull();
			return line;
		}

		List<String> readToEnd() throws IOException {
			return this.in.lines().toList();
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

	/**
	 * A peer on its own bound Unix datagram socket.
	 */
	static final class UnixDatagramPeer implements AutoCloseable {

		private final Path own = Path
			.of("target/unix-test/peer-" + UUID.randomUUID().toString().substring(0, 8) + ".sock");

		private final AFUNIXDatagramSocket socket;

		UnixDatagramPeer() throws IOException {
			this.socket = AFUNIXDatagramSocket.newInstance();
			this.socket.bind(AFUNIXSocketAddress.of(this.own));
			this.socket.setSoTimeout(LineClient.READ_TIMEOUT_MILLIS);
			this.socket.connect(AFUNIXSocketAddress.of(DATAGRAM));
		}

		void send(String text) throws IOException {
			byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
			this.socket.send(new DatagramPacket(bytes, bytes.length));
		}

		String receiveUntil(String prefix) throws IOException {
			while (true) {
				byte[] buffer = new byte[65_536];
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				this.socket.receive(packet);
				String text = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8).stripTrailing();
				if (text.startsWith(prefix)) {
					return text;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			Files.deleteIfExists(this.own);
		}

	}

}
