package io.switchboard.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SwitchboardTest
class TcpChatTests {

	private static final String CHAT_LINE = "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] ";

	@Autowired
	ChatServer server;

	@Test
	void newClientIsGreetedWithItsAddressAndRoom() {
		try (LineClient client = new LineClient(this.server.tcpPort())) {
			assertThat(client.readLine()).isEqualTo(
					"* welcome to switchboard, you are " + client.address() + " in room lobby; /help for commands");
		}
	}

	@Test
	void messageReachesEveryRoomMemberTcpAndUdpAndOnlyThatRoom() {
		String room = room();
		String other = room();
		try (LineClient alice = joined(room);
				LineClient bob = joined(room);
				LineClient carol = joined(other);
				UdpProbe udp = new UdpProbe(this.server.udpPort())) {
			udp.join();
			udp.send("/join " + room);
			assertThat(udp.receive()).isEqualTo("* you are now in room " + room);

			alice.send("hello room");
			String expected = CHAT_LINE + alice.address().replace(".", "\\.") + " hello room";
			assertThat(alice.readLine()).matches(expected);
			assertThat(bob.readLine()).matches(expected);
			assertThat(udp.receive()).matches(expected);

			udp.send("from udp");
			String fromUdp = CHAT_LINE + udp.id() + " from udp";
			assertThat(alice.readLine()).matches(fromUdp);
			assertThat(bob.readLine()).matches(fromUdp);

			carol.send("elsewhere");
			assertThat(carol.readLine()).endsWith(" elsewhere");
			// alice's next line is her own ping reply, not carol's message from the other
			// room
			assertThat(alice.command("/ping")).isEqualTo("* pong");
		}
	}

	@Test
	void crBeforeLfIsDroppedAndEmptyLinesAreNotBroadcast() {
		try (LineClient alice = joined(room())) {
			alice.sendRaw("\r\n\nwindows line\r\n".getBytes(StandardCharsets.UTF_8));
			assertThat(alice.readLine()).endsWith(alice.address() + " windows line");
		}
	}

	@Test
	void nickRenamesSenderAndMustBeValidAndUnique() {
		String room = room();
		String nick = "n" + UUID.randomUUID().toString().substring(0, 8);
		try (LineClient alice = joined(room); LineClient bob = joined(room)) {
			assertThat(alice.command("/nick " + nick)).isEqualTo("* you are now " + nick);
			assertThat(bob.command("/nick " + nick.toUpperCase()))
				.isEqualTo("ERR nick " + nick.toUpperCase() + " is taken");
			assertThat(bob.command("/nick bad nick!")).startsWith("ERR usage: /nick NAME");
			assertThat(bob.command("/nick " + "x".repeat(33))).startsWith("ERR usage: /nick NAME");
			alice.send("hi");
			assertThat(bob.readLine()).matches(CHAT_LINE + nick + " hi");
			assertThat(bob.command("/who")).isEqualTo("* in " + room + ": " + nick + ", " + bob.address());
		}
	}

	@Test
	void nickIsFreedWhenItsHolderLeaves() {
		String nick = "n" + UUID.randomUUID().toString().substring(0, 8);
		try (LineClient alice = joined(room()); LineClient bob = joined(room())) {
			assertThat(alice.command("/nick " + nick)).isEqualTo("* you are now " + nick);
			alice.send("quit");
			assertThat(alice.readToEnd()).containsExactly("* bye");
			await().untilAsserted(() -> assertThat(bob.command("/nick " + nick)).isEqualTo("* you are now " + nick));
		}
	}

	@Test
	void roomsListsRoomsWithMemberCountsAndJoinValidatesTheName() {
		String room = room();
		try (LineClient alice = joined(room); LineClient bob = joined(room)) {
			assertThat(alice.command("/rooms")).startsWith("* rooms: ").contains(room + " (2)");
			assertThat(alice.command("/join")).startsWith("ERR usage: /join ROOM");
			assertThat(alice.command("/join no/slashes")).startsWith("ERR usage: /join ROOM");
			bob.send("/join " + room());
			assertThat(bob.readLine()).startsWith("* you are now in room ");
			assertThat(alice.command("/rooms")).contains(room + " (1)");
		}
	}

	@Test
	void helpPingAndUnknownCommandsReplyOnlyToTheCaller() {
		String room = room();
		try (LineClient alice = joined(room); LineClient bob = joined(room)) {
			assertThat(alice.command("/help")).startsWith("* commands: /nick NAME, /join ROOM, /rooms, /who");
			assertThat(alice.command("/ping")).isEqualTo("* pong");
			assertThat(alice.command("/frobnicate now")).isEqualTo("ERR unknown command /frobnicate (try /help)");
			bob.send("after");
			assertThat(bob.readLine()).endsWith(" after");
			assertThat(alice.readLine()).endsWith(" after");
		}
	}

	@Test
	void quitSaysByeAndClosesWithFin() {
		try (LineClient alice = joined(room())) {
			alice.send("/quit");
			// readToEnd fails on a reset; a clean close is EOF after the last line
			assertThat(alice.readToEnd()).containsExactly("* bye");
		}
	}

	@Test
	void overlongLineGetsErrorAndOthersStayConnected() {
		String room = room();
		try (LineClient alice = joined(room); LineClient bob = joined(room)) {
			alice.send("x".repeat(8193));
			assertThat(alice.readToEnd()).containsExactly("ERR message too long (max 8192 bytes)");
			bob.send("x".repeat(8192));
			assertThat(bob.readLine()).endsWith(" " + "x".repeat(8192));
		}
	}

	@Test
	void invalidUtf8BecomesReplacementCharacterAndKeepsTheConnection() {
		try (LineClient alice = joined(room())) {
			alice.sendRaw(new byte[] { 'a', (byte) 0xC3, (byte) 0x28, 'b', (byte) 0xFF, '\n' });
			assertThat(alice.readLine()).endsWith(" a\uFFFD(b\uFFFD");
			alice.send("still here");
			assertThat(alice.readLine()).endsWith(" still here");
		}
	}

	@Test
	void controlCharactersAreEscapedSoNobodyCanDriveOthersTerminals() {
		String room = room();
		try (LineClient alice = joined(room); LineClient bob = joined(room)) {
			alice.send("\u001b[31mred\u001b[0m bell\u0007 tab\there c1\u0085 del\u007f");
			assertThat(bob.readLine()).endsWith(" ^[[31mred^[[0m bell^G tab\there c1\\x85 del^?");
		}
	}

	@Test
	void bidiOverridesZeroWidthCharactersAndSeparatorsReachOthersAsVisibleCodePoints() {
		String room = room();
		try (LineClient alice = joined(room); LineClient bob = joined(room)) {
			alice.send("invoice_\u202efdp.exe \u2066x\u2069 zero\u200bwidth line\u2028break \ufeffbom");
			assertThat(bob.readLine())
				.endsWith(" invoice_<U+202E>fdp.exe <U+2066>x<U+2069> zero<U+200B>width line<U+2028>break <U+FEFF>bom");
		}
	}

	@Test
	void unknownCommandEchoesTheSendersInputEscapedAndShortened() {
		try (LineClient alice = joined(room())) {
			assertThat(alice.command("/x\u001b]0;owned\u0007\u202e"))
				.isEqualTo("ERR unknown command /x^[]0;owned^G<U+202E> (try /help)");
			assertThat(alice.command("/" + "y".repeat(8000)))
				.isEqualTo("ERR unknown command /" + "y".repeat(39) + "\u2026 (try /help)");
		}
	}

	@Test
	void httpRequestAsFirstLineGetsA400AfterTheGreetingAndACleanClose() throws Exception {
		try (LineClient member = LineClient.connected(this.server.tcpPort());
				LineClient browser = new LineClient(this.server.tcpPort())) {
			browser.sendRaw(
					"GET / HTTP/1.1\r\nHost: chat\r\nUser-Agent: curl/8\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			// readAllBytes ends at FIN and fails on a reset
			String answer = new String(browser.socket().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).isEqualTo(
					"* welcome to switchboard, you are " + browser.address() + " in room lobby; /help for commands\n"
							+ "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n"
							+ "Connection: close\r\n\r\nERR this is a chat port\n");
			browser.close();
			await().until(() -> !this.server.get("/actuator/clients").body().contains(browser.address()));
			assertThat(member.command("/ping")).isEqualTo("* pong");
		}
	}

	@Test
	void everyReceiverSeesOneRoomsMessagesInTheSameOrderAndEachSendersInSendOrder() throws Exception {
		String room = room();
		int senders = 4;
		int perSender = 500;
		List<LineClient> clients = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(senders + 2);
		try {
			for (int i = 0; i < senders + 2; i++) {
				clients.add(joined(room));
			}
			CountDownLatch start = new CountDownLatch(1);
			for (int s = 0; s < senders; s++) {
				LineClient sender = clients.get(s);
				int id = s;
				pool.submit(() -> {
					start.await();
					for (int m = 0; m < perSender; m++) {
						sender.send("s" + id + " m" + m);
					}
					return null;
				});
			}
			List<Future<List<String>>> seen = new ArrayList<>();
			for (LineClient receiver : clients) {
				seen.add(pool.submit(() -> {
					List<String> lines = new ArrayList<>();
					for (int i = 0; i < senders * perSender; i++) {
						String line = receiver.readLine();
						lines.add(line.substring(line.indexOf(" s")));
					}
					return lines;
				}));
			}
			start.countDown();
			List<String> first = seen.get(0).get();
			for (Future<List<String>> other : seen) {
				assertThat(other.get()).isEqualTo(first);
			}
			for (int s = 0; s < senders; s++) {
				String prefix = " s" + s + " ";
				List<String> own = first.stream().filter((line) -> line.startsWith(prefix)).toList();
				assertThat(own).hasSize(perSender);
				for (int m = 0; m < perSender; m++) {
					assertThat(own.get(m)).isEqualTo(prefix + "m" + m);
				}
			}
		}
		finally {
			pool.shutdownNow();
			clients.forEach(LineClient::close);
		}
	}

	private LineClient joined(String room) {
		LineClient client = LineClient.connected(this.server.tcpPort());
		assertThat(client.command("/join " + room)).isEqualTo("* you are now in room " + room);
		return client;
	}

	private static String room() {
		return "r" + UUID.randomUUID().toString().substring(0, 8);
	}

}
