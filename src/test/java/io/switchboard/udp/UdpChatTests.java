package io.switchboard.udp;

import java.util.UUID;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@SwitchboardTest
class UdpChatTests {

	/** Long enough to be sure the server chose silence; only used to assert no reply. */
	private static final int SILENCE_MILLIS = 300;

	@Autowired
	ChatServer server;

	@Test
	void msgReachesAUdpMemberWithoutANickByTheNameWhoListsIt() {
		String room = "msg-" + UUID.randomUUID().toString().substring(0, 8);
		try (UdpProbe member = new UdpProbe(this.server.udpPort());
				LineClient alice = LineClient.connected(this.server.tcpPort())) {
			member.join();
			member.send("/join " + room);
			assertThat(member.receive()).isEqualTo("* you are now in room " + room);
			alice.command("/nick alice");
			alice.command("/join " + room);
			assertThat(alice.command("/who")).startsWith("* in " + room + ": ").contains(member.id());

			alice.send("/msg " + member.id().toUpperCase() + " hi there");
			assertThat(member.receive()).endsWith("] alice -> " + member.id() + ": hi there");
			assertThat(alice.readLine()).endsWith("] alice -> " + member.id() + ": hi there");
			member.send("/msg " + member.id() + " talking to myself");
			assertThat(member.receive()).isEqualTo("ERR you cannot send a private message to yourself");
			// the id of a client that has a nick, or is shown by its address, reaches
			// nobody: only the name it is shown by does
			assertThat(alice.command("/msg tcp-1 hello")).isEqualTo("ERR no such nick tcp-1");
		}
	}

	@Test
	void unknownAddressGetsOneChallengeAndJoinsOnlyWithTheToken() {
		try (UdpProbe peer = new UdpProbe(this.server.udpPort())) {
			peer.send("hello there");
			String challenge = peer.receive();
			assertThat(challenge).matches("\\* /join [0-9a-f]{8}");
			assertThat(peer.receiveWithin(SILENCE_MILLIS)).isEmpty();

			peer.send("/join 00000000");
			// the same challenge, or the next minute's if the minute turned meanwhile
			// (the
			// first stays valid for another minute)
			assertThat(peer.receive()).as("a wrong token is answered with a new challenge")
				.matches("\\* /join [0-9a-f]{8}");

			peer.send(challenge.substring(2));
			assertThat(peer.receive())
				.matches("\\* welcome to switchboard, you are udp-\\d+ in room lobby; /help for commands");
			assertThat(peer.receive()).as("the member key, right after the greeting")
				.matches("\\* your key is ([a-z2-7]{8}): start every datagram with it, e\\.g\\. \"\\1 hello\"");
			assertThat(this.server.getAsAdmin("/actuator/clients").body())
				.contains("\"remoteAddress\":\"" + peer.address());
		}
	}

	@Test
	void tokenIsBoundToTheAddressThatAskedForIt() {
		try (UdpProbe asker = new UdpProbe(this.server.udpPort());
				UdpProbe thief = new UdpProbe(this.server.udpPort())) {
			asker.send("hello there");
			String challenge = asker.receive();
			thief.send(challenge.substring(2));
			assertThat(thief.receive()).as("the thief is challenged, not admitted")
				.startsWith("* /join ")
				.isNotEqualTo(challenge);
		}
	}

	@Test
	void replyToAnUnverifiedAddressIsNeverMoreThanThreeTimesWhatItSent() {
		try (UdpProbe peer = new UdpProbe(this.server.udpPort())) {
			// the challenge "* /join xxxxxxxx\n" is 17 bytes: 5 bytes may not be
			// answered, 6 may
			peer.sendRaw("hi12\n".getBytes());
			assertThat(peer.receiveWithin(SILENCE_MILLIS)).isEmpty();
			peer.sendRaw(new byte[0]);
			assertThat(peer.receiveWithin(SILENCE_MILLIS)).isEmpty();
			peer.sendRaw("hi123\n".getBytes());
			assertThat(peer.receive()).startsWith("* /join ");
		}
	}

	@Test
	void memberChatsWithTcpAndRunsCommands() {
		String room = "u" + UUID.randomUUID().toString().substring(0, 8);
		try (UdpProbe peer = new UdpProbe(this.server.udpPort());
				LineClient tcp = LineClient.connected(this.server.tcpPort())) {
			peer.join();
			tcp.command("/join " + room);
			peer.send("/join " + room);
			assertThat(peer.receive()).isEqualTo("* you are now in room " + room);
			peer.send("/nick u" + room);
			assertThat(peer.receive()).isEqualTo("* you are now u" + room);
			peer.send("/ping");
			assertThat(peer.receive()).isEqualTo("* pong");
			tcp.send("to udp");
			assertThat(tcp.readLine()).endsWith(tcp.address() + " to udp");
			assertThat(peer.receive()).endsWith(tcp.address() + " to udp");
			peer.sendRaw((peer.key() + " to tcp\r\n").getBytes());
			assertThat(tcp.readLine()).endsWith(" u" + room + " to tcp");
			assertThat(peer.receive()).endsWith(" u" + room + " to tcp");
		}
	}

	@Test
	void othersSeeAUdpMemberByItsIdNeverByItsAddress() {
		String room = "u" + UUID.randomUUID().toString().substring(0, 8);
		try (UdpProbe peer = new UdpProbe(this.server.udpPort());
				LineClient tcp = LineClient.connected(this.server.tcpPort())) {
			assertThat(peer.join()).as("its own greeting").contains(" you are " + peer.id() + " in room ");
			assertThat(peer.id()).matches("udp-\\d+");
			tcp.command("/join " + room);
			peer.send("/join " + room);
			assertThat(peer.receive()).isEqualTo("* you are now in room " + room);
			peer.send("hello from udp");
			assertThat(tcp.readLine()).endsWith("] " + peer.id() + " hello from udp");
			assertThat(tcp.command("/who")).isEqualTo("* in " + room + ": " + tcp.address() + ", " + peer.id())
				.doesNotContain(peer.address());
		}
	}

	@Test
	void bareKeyIsAHeartbeatThatKeepsMembershipQuietlyAndQuitLeaves() {
		try (UdpProbe peer = new UdpProbe(this.server.udpPort())) {
			peer.join();
			peer.heartbeat();
			assertThat(peer.receiveWithin(SILENCE_MILLIS)).isEmpty();
			peer.send("quit");
			assertThat(peer.receive()).isEqualTo("* bye");
			peer.send("hello again");
			assertThat(peer.receive()).as("no longer a member").startsWith("* /join ");
		}
	}

	@Test
	void overlongDatagramGetsErrorAndEndsMembership() {
		try (UdpProbe peer = new UdpProbe(this.server.udpPort())) {
			peer.join();
			peer.send("y".repeat(8193));
			assertThat(peer.receive()).isEqualTo("ERR message too long (max 8192 bytes)");
			peer.send("y".repeat(10));
			assertThat(peer.receive()).startsWith("* /join ");
		}
	}

}
