package io.switchboard.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hardening II, finding 5: what holds connection slots. A line trickled a byte at a time
 * used to keep its connection (and reset the idle timeout) forever; a peer that vanished
 * stayed for the kernel's two hours of keep-alive; one network could take every slot.
 */
@SwitchboardTest({ "--spring.application.name=slots", "--switchboard.tcp.line-timeout=1s",
		"--switchboard.tcp.idle-timeout=5s", "--switchboard.tcp.keep-alive.idle=7s",
		"--switchboard.max-clients-per-ip=4", "--switchboard.max-clients-per-ipv4-prefix=6" })
class SlotHoldingTests {

	@Autowired
	ChatServer server;

	@Test
	void aLineTrickledByteByByteIsCutAtTheLineTimeoutAndNothingReachesTheRoom() throws Exception {
		try (LineClient witness = LineClient.connected(this.server.tcpPort()); Socket slow = connect("127.0.0.1")) {
			assertThat(witness.command("/join slowloris")).isEqualTo("* you are now in room slowloris");
			InputStream in = slow.getInputStream();
			OutputStream out = slow.getOutputStream();
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			lines.readLine(); // greeting
			out.write("/join slowloris\n".getBytes(StandardCharsets.UTF_8));
			assertThat(lines.readLine()).isEqualTo("* you are now in room slowloris");
			long started = System.nanoTime();
			String answer = null;
			// One byte every 200 ms: each byte used to reset the idle timeout too.
			for (int i = 0; i < 50 && answer == null; i++) {
				try {
					out.write('x');
					out.flush();
				}
				catch (IOException closed) {
					break;
				}
				TimeUnit.MILLISECONDS.sleep(200); // the attacker's pace, not a wait for
													// the server
				if (in.available() > 0) {
					answer = lines.readLine();
				}
			}
			if (answer == null) {
				answer = lines.readLine();
			}
			assertThat(answer).isEqualTo("ERR line not finished in time");
			assertThat(lines.readLine()).as("then FIN").isNull();
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
				.as("well before the 5s idle timeout")
				.isLessThan(5);
			witness.send("after");
			assertThat(witness.readLine()).as("the room saw none of it").endsWith(" after");
		}
	}

	@Test
	void aLineThatEndsInTimeIsAMessageHoweverSlowlyItCame() throws Exception {
		try (LineClient writer = LineClient.connected(this.server.tcpPort())) {
			writer.command("/join slow-but-fine");
			writer.sendRaw("hel".getBytes(StandardCharsets.UTF_8));
			TimeUnit.MILLISECONDS.sleep(300); // a person typing
			writer.sendRaw("lo\n".getBytes(StandardCharsets.UTF_8));
			assertThat(writer.readLine()).endsWith(" hello");
			writer.send("next");
			assertThat(writer.readLine()).as("the next line starts a new clock").endsWith(" next");
		}
	}

	@Test
	void acceptedSocketsProbeAVanishedPeerWithinMinutes() throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
				"needs ss (iproute2) to read the kernel's keep-alive timer");
		try (LineClient client = LineClient.connected(this.server.tcpPort())) {
			String local = client.socket().getLocalPort() + "";
			Process ss = new ProcessBuilder("ss", "-tnoH", "state", "established", "( dport = :" + local + " )")
				.redirectErrorStream(true)
				.start();
			String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			ss.waitFor();
			// The server's side of this connection: keep-alive armed with our idle time,
			// not the kernel's two hours.
			Matcher timer = Pattern.compile("timer:\\(keepalive,([0-9.]+)(ms|sec|min)").matcher(out);
			assertThat(timer.find()).as(out).isTrue();
			assertThat(timer.group(2)).as(out).isNotEqualTo("min");
			if (timer.group(2).equals("sec")) {
				assertThat(Double.parseDouble(timer.group(1))).as(out).isLessThanOrEqualTo(7);
			}
		}
	}

	@Test
	void oneNetworkCannotTakeMoreThanItsShare() throws Exception {
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				held.add(admitted(connect("127.0.0.1")));
			}
			assertThat(firstLine(connect("127.0.0.1"))).isEqualTo("ERR too many connections from your address (max 4)");
			held.add(admitted(connect("127.0.0.2")));
			held.add(admitted(connect("127.0.0.2")));
			assertThat(firstLine(connect("127.0.0.3"))).as("the /24 is full")
				.isEqualTo("ERR too many connections from your network (max 6)");
			held.add(admitted(connect("127.0.1.1")));
			held.getFirst().close();
			held.removeFirst();
			// a freed slot is free again, once the server has seen the close
			await().until(() -> {
				Socket again = connect("127.0.0.3");
				if (firstLine(again).startsWith("* welcome")) {
					held.add(again);
					return true;
				}
				again.close();
				return false;
			});
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	private Socket connect(String source) throws Exception {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(source, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.server.tcpPort()), 10_000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static Socket admitted(Socket socket) throws Exception {
		assertThat(firstLine(socket)).startsWith("* welcome");
		return socket;
	}

	private static String firstLine(Socket socket) throws Exception {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
	}

}
