package io.switchboard.health;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.switchboard.SwitchboardApplication;
import io.switchboard.transport.Listener;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once ready, the server says in one line where each door listens and where the web page
 * is: what a first run needs to connect.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadyAnnouncementTests {

	@Test
	void theReadyLineNamesEachListenerByItsPortOrPathAndThePagesAddress() {
		List<Listener> listeners = List.of(Listener.onPort("tcp", () -> 9999, () -> true),
				Listener.onPort("irc", () -> 6667, () -> true),
				Listener.onPath("unixStream", Path.of("/run/chat.sock"), () -> true),
				new Listener.Socket("websocket", () -> Map.of("path", "/ws"), () -> true));

		assertThat(ReadyAnnouncement.line(listeners, 8080, "0.0.0.0")).isEqualTo(
				"Switchboard ready: tcp 9999, irc 6667, unixStream /run/chat.sock, websocket /ws; web page http://localhost:8080/");
		assertThat(ReadyAnnouncement.line(listeners.subList(0, 1), 8080, "::1"))
			.endsWith("web page http://[::1]:8080/");
		assertThat(ReadyAnnouncement.line(List.of(), null, "localhost"))
			.isEqualTo("Switchboard ready: no chat listener");
	}

	@Test
	void aStartedServerLogsTheReadyLineWithItsBoundPorts(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--switchboard.tcp.port=0",
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.irc.port=0", "--switchboard.irc.host=127.0.0.1", "--switchboard.echo.port=0",
				"--switchboard.echo.host=127.0.0.1", "--logging.level.io.switchboard.health.ReadyAnnouncement=info")) {
			int tcp = context.getBean("tcpChatServer", StreamListener.class).getPort();
			int http = ((WebServerApplicationContext) context).getWebServer().getPort();

			assertThat(output.getOut().lines().filter((line) -> line.contains("Switchboard ready: "))).singleElement()
				.asString()
				.contains("tcp " + tcp + ",")
				.contains("irc ")
				.endsWith("web page http://127.0.0.1:" + http + "/");
		}
	}

}
