package io.switchboard.irc;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.SwitchboardTest;
import io.switchboard.UdpProbe;
import io.switchboard.WebSocketProbe;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kitteh.irc.client.library.event.connection.ClientConnectionEndedEvent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import io.switchboard.transport.StreamListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Java IRC client library from Maven Central, KICL
 * ({@code org.kitteh.irc:client-lib}, through its own event API), against the IRC door:
 * it joins a channel, chats with an {@code nc}-style client, a UDP member and a WebSocket
 * client, gets the room's history with the lines' original times (server-time), and comes
 * back by itself after the server is restarted on the same ports. The shared server
 * replays history on join (and, as in {@code HistoryOnJoinTests}, senders do not get
 * their own lines).
 */
@SwitchboardTest({ "--switchboard.history.on-join=50", "--switchboard.echo-to-sender=false" })
class IrcLibraryTests {

	/**
	 * The restarted server's name: with a dot, since KICL (as many clients) takes a
	 * source without one for a nick, and drops a NOTICE from it as "from neither server
	 * nor user".
	 */
	private static final String SERVER_NAME = "irc.switchboard.test";

	@Autowired
	ChatServer server;

	private @Nullable ConfigurableApplicationContext ownServer;

	@AfterEach
	void stopOwnServer() {
		if (this.ownServer != null) {
			this.ownServer.close();
		}
	}

	@Test
	void aLibraryClientGetsTheHistoryWithItsTimesAndChatsWithNcUdpAndWebSocketMembers() {
		String id = UUID.randomUUID().toString().substring(0, 6);
		String room = "kicl" + id;
		String channel = "#" + room;
		String ircNick = "kicl" + id;
		String ncNick = "nc" + id;
		String udpNick = "udp" + id;
		String wsNick = "ws" + id;
		try (LineClient nc = LineClient.connected(this.server.tcpPort())) {
			assertThat(nc.command("/nick " + ncNick)).isEqualTo("* you are now " + ncNick);
			assertThat(nc.command("/join " + room)).isEqualTo("* you are now in room " + room);
			nc.send("said before the library came");
			nc.send("and a second line");
			List<Instant> times = historyTimes(room, 2);

			try (KiclClient kicl = new KiclClient(ircNick, this.server.ircPort(), channel);
					UdpProbe udp = new UdpProbe(this.server.udpPort());
					WebSocketProbe ws = WebSocketProbe.connected(this.server.httpPort(), "switchboard.json")) {
				kicl.awaitJoin(ircNick, channel);
				// The replay: both lines, from the nc client, at the times they were
				// said.
				KiclClient.Message first = kicl.awaitMessage(ncNick, "said before the library came");
				KiclClient.Message second = kicl.awaitMessage(ncNick, "and a second line");
				assertThat(first.target()).isEqualTo(channel);
				assertThat(first.time()).as("server-time, the line's original time").contains(times.get(0));
				assertThat(second.time()).contains(times.get(1));
				await().untilAsserted(() -> assertThat(kicl.client.getChannel(channel))
					.hasValueSatisfying((joined) -> assertThat(joined.getNicknames()).contains(ircNick, ncNick)));

				assertThat(udp.join()).startsWith("* welcome to switchboard");
				udp.send("/nick " + udpNick);
				udp.receiveUntil((line) -> line.equals("* you are now " + udpNick));
				udp.send("/join " + room);
				udp.receiveUntil((line) -> line.equals("* you are now in room " + room));
				kicl.awaitJoin(udpNick, channel);
				ws.send("{\"line\":\"/nick " + wsNick + "\"}");
				ws.nextMatching((frame) -> frame.contains("\"you are now " + wsNick + "\""));
				ws.send("{\"line\":\"/join " + room + "\"}");
				ws.nextMatching((frame) -> frame.contains("\"you are now in room " + room + "\""));
				kicl.awaitJoin(wsNick, channel);
				await().untilAsserted(() -> assertThat(kicl.client.getChannel(channel)).hasValueSatisfying(
						(joined) -> assertThat(joined.getNicknames()).contains(ircNick, ncNick, udpNick, wsNick)));

				// The library speaks: every other door hears it in its own format.
				kicl.client.sendMessage(channel, "hello from the library");
				assertThat(nc.readUntil((line) -> line.contains("hello from the library")))
					.matches("\\[[-\\d :]+\\] " + ircNick + " hello from the library");
				assertThat(udp.receiveUntil((line) -> line.contains("hello from the library")))
					.endsWith("] " + ircNick + " hello from the library");
				String frame = ws.nextMatching((text) -> text.contains("hello from the library"));
				assertThat(JsonPath.<String>read(frame, "$.type")).isEqualTo("chat");
				assertThat(JsonPath.<String>read(frame, "$.from")).isEqualTo(ircNick);
				assertThat(JsonPath.<String>read(frame, "$.room")).isEqualTo(room);

				// Every other door speaks: the library hears each from its nick, live.
				Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
				nc.send("hello from nc");
				KiclClient.Message fromNc = kicl.awaitMessage(ncNick, "hello from nc");
				assertThat(fromNc.target()).isEqualTo(channel);
				assertThat(fromNc.time())
					.hasValueSatisfying((time) -> assertThat(time).isBetween(before, Instant.now()));
				udp.send("hello from udp");
				assertThat(kicl.awaitMessage(udpNick, "hello from udp").target()).isEqualTo(channel);
				ws.send("{\"room\":\"" + room + "\",\"line\":\"hello from the browser\"}");
				assertThat(kicl.awaitMessage(wsNick, "hello from the browser").target()).isEqualTo(channel);

				// Private messages both ways.
				nc.send("/msg " + ircNick + " just for the library");
				assertThat(kicl.awaitMessage(ncNick, "just for the library").target()).isEqualTo(ircNick);
				kicl.client.sendMessage(ncNick, "and back");
				assertThat(nc.readUntil((line) -> line.contains(" -> ")))
					.endsWith("] " + ircNick + " -> " + ncNick + ": and back");

				assertThat(kicl.exceptions).as("what KICL could not handle").isEmpty();
			}
		}
	}

	@Test
	void aLibraryClientReconnectsAfterTheServerIsRestartedOnTheSamePortsAndChatsAgain() throws IOException {
		int ircPort = freePort();
		int tcpPort = freePort();
		this.ownServer = start(ircPort, tcpPort);
		String nick = "kicl" + UUID.randomUUID().toString().substring(0, 6);
		try (KiclClient kicl = new KiclClient(nick, ircPort, "#lobby")) {
			kicl.awaitJoin(nick, "#lobby");
			try (LineClient nc = LineClient.connected(tcpPort)) {
				assertThat(nc.command("/nick ncer")).isEqualTo("* you are now ncer");
				kicl.client.sendMessage("#lobby", "before the restart");
				assertThat(nc.readUntil((line) -> line.contains("before the restart")))
					.endsWith("] " + nick + " before the restart");

				this.ownServer.close();
				this.ownServer = null;
				nc.readUntil((line) -> line.equals("* server shutting down"));
				assertThat(nc.readToEnd()).isEmpty();
			}
			ClientConnectionEndedEvent ended = kicl.awaitConnectionEnded();
			assertThat(ended.willAttemptReconnect()).isTrue();
			assertThat(kicl.serverNotices).as("the shutdown notice, from the server").contains("server shutting down");
			assertThat(kicl.received).anyMatch((line) -> line.startsWith("ERROR :Closing link: " + SERVER_NAME));

			this.ownServer = start(ircPort, tcpPort);
			// The library reconnects by itself, registers with the same nick and rejoins.
			kicl.awaitJoin(nick, "#lobby");
			assertThat(kicl.registrations()).isEqualTo(2);
			assertThat(kicl.client.getNick()).isEqualTo(nick);
			try (LineClient nc = LineClient.connected(tcpPort)) {
				assertThat(nc.command("/nick ncer")).isEqualTo("* you are now ncer");
				nc.send("after the restart");
				assertThat(kicl.awaitMessage("ncer", "after the restart").target()).isEqualTo("#lobby");
				kicl.client.sendMessage("#lobby", "back again");
				assertThat(nc.readUntil((line) -> line.contains("back again"))).endsWith("] " + nick + " back again");
			}
			assertThat(kicl.exceptions).as("what KICL could not handle").isEmpty();
		}
	}

	/**
	 * The times of the room's last {@code count} lines, from the history endpoint, once
	 * the room has them.
	 */
	private List<Instant> historyTimes(String room, int count) {
		List<Instant> times = new ArrayList<>();
		await().untilAsserted(() -> {
			String body = this.server.get("/actuator/rooms/" + room + "/history?limit=" + count).body();
			List<String> read = JsonPath.read(body, "$.lines[*].time");
			assertThat(read).hasSize(count);
			times.clear();
			read.forEach((time) -> times.add(Instant.parse(time).truncatedTo(ChronoUnit.MILLIS)));
		});
		return times;
	}

	private static ConfigurableApplicationContext start(int ircPort, int tcpPort) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--switchboard.tcp.host=127.0.0.1",
				"--switchboard.tcp.port=" + tcpPort, "--switchboard.irc.host=127.0.0.1",
				"--switchboard.irc.port=" + ircPort, "--switchboard.udp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.echo.enabled=false", "--switchboard.irc.server-name=" + SERVER_NAME);
		for (String door : List.of("tcpChatServer", "ircChatServer")) {
			StreamListener factory = context.getBean(door, StreamListener.class);
			await().until(factory::isListening);
		}
		return context;
	}

	private static final Set<Integer> TAKEN = new HashSet<>();

	/** A free TCP port, never one handed out before (the two must differ). */
	private static synchronized int freePort() throws IOException {
		while (true) {
			try (ServerSocket socket = new ServerSocket(0)) {
				if (TAKEN.add(socket.getLocalPort())) {
					return socket.getLocalPort();
				}
			}
		}
	}

}
