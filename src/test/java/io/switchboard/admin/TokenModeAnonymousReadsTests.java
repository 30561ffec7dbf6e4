package io.switchboard.admin;

import java.net.DatagramSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.auth.Tokens;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 31, break 5 (HTTP): in token mode without an admin password, anonymous HTTP reads
 * showed the members, topics and lines of rooms the tokens keep people out of. They are
 * refused now; the tokens' rooms are no anonymous reader's.
 */
class TokenModeAnonymousReadsTests {

	private static ConfigurableApplicationContext app;

	private static ChatServer server;

	@BeforeAll
	static void startWithTokensAndNoPassword() {
		app = new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--switchboard.tcp.port=0", "--switchboard.irc.port=0",
				"--switchboard.irc.host=127.0.0.1", "--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0",
				"--switchboard.udp.host=127.0.0.1", "--switchboard.echo.enabled=false", "--switchboard.auth.mode=token",
				"--switchboard.auth.jwt.secret=" + Tokens.SECRET);
		server = new ChatServer(app.getBean("tcpChatServer", StreamListener.class),
				app.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) app);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void anonymousReadsOfRoomsTheTokensRestrictAreRefused() {
		try (LineClient insider = LineClient.connected(server.tcpPort())) {
			insider.send("/auth " + Tokens.hmac("insider", Duration.ofMinutes(5),
					Map.of("nick", "insider", "rooms", List.of("lobby", "board-room"))));
			insider.readUntil((line) -> line.equals("* you are now in room lobby"));
			assertThat(insider.command("/join board-room")).isEqualTo("* you are now in room board-room");
			assertThat(insider.command("/topic merger with initech")).contains("set the topic of board-room");
			assertThat(insider.send("the price is 42").readLine()).endsWith("insider the price is 42");
			for (String path : List.of("/actuator/rooms", "/actuator/rooms/board-room/history", "/actuator/clients",
					"/actuator/clients?scope=node", "/admin/api/rooms", "/admin/api/clients")) {
				HttpResponse<String> anonymous = server.getAnonymously(path);
				assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
				assertThat(anonymous.body()).as(path)
					.doesNotContain("\"name\":\"board-room\"")
					.doesNotContain("initech")
					.doesNotContain("price")
					.doesNotContain("insider");
			}
		}
	}

	@Test
	void whatProbesAndScrapersReadStaysOpen() {
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/")) {
			assertThat(server.getAnonymously(path).statusCode()).as(path).isEqualTo(200);
		}
	}

}
