package io.switchboard.core;

import java.net.DatagramSocket;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.switchboard.ChatServer;
import io.switchboard.LineClient;
import io.switchboard.SwitchboardApplication;
import io.switchboard.transport.StreamListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail in structured logs ({@code switchboard.logging.format=ecs}): a
 * connection's open and close, and operator actions with the admin's name, as JSON
 * fields; no message text. A context of its own, since it changes the (global) logging
 * set-up, which is put back afterwards.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Spring Boot sets logging up once per JVM while it stays "initialized" (the other
	 * tests' cached contexts did): clean that up so this context's configuration applies.
	 */
	@BeforeAll
	static void letThisContextSetUpLogging() {
		LoggingSystem.get(AuditLogTests.class.getClassLoader()).cleanUp();
	}

	@AfterAll
	static void restoreTestLogging() throws Exception {
		LoggingSystem.get(AuditLogTests.class.getClassLoader()).cleanUp();
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		logging.reset();
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(logging);
		URL config = AuditLogTests.class.getClassLoader().getResource("logback-test.xml");
		configurator.doConfigure(config);
	}

	@Test
	void connectionsAndOperatorActionsAreJsonEventsWithTheirDetailsAndNoMessageText(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--switchboard.tcp.port=0",
				"--switchboard.tcp.host=127.0.0.1", "--switchboard.udp.port=0", "--switchboard.udp.host=127.0.0.1",
				"--switchboard.echo.enabled=false", "--switchboard.admin.username=" + ChatServer.ADMIN,
				"--switchboard.admin.password=" + ChatServer.PASSWORD,
				"--logging.config=classpath:logging/logback-structured-test.xml", "--switchboard.logging.format=ecs")) {
			ChatServer server = new ChatServer(context.getBean("tcpChatServer", StreamListener.class),
					context.getBean("udpChatSocket", DatagramSocket.class), (WebServerApplicationContext) context);
			try (LineClient alice = LineClient.connected(server.tcpPort());
					LineClient bob = LineClient.connected(server.tcpPort())) {
				assertThat(alice.command("/join audited")).isEqualTo("* you are now in room audited");
				assertThat(alice.command("/nick alice")).isEqualTo("* you are now alice");
				alice.send("a secret only the room may read");
				assertThat(alice.command("/ping")).isEqualTo("* pong");
				alice.send("quit");
				assertThat(alice.readToEnd()).isNotEmpty();
				JsonNode close = await().until(() -> event(output, "connection-close", "alice"), (e) -> e != null);
				assertThat(field(close, "client.protocol").asString()).isEqualTo("tcp");
				assertThat(field(close, "client.address").asString()).isEqualTo(alice.address());
				assertThat(field(close, "client.room").asString()).isEqualTo("audited");
				assertThat(field(close, "event.reason").asString()).isEqualTo("quit");
				assertThat(field(close, "client.duration_ms").asLong()).isNotNegative();
				assertThat(field(close, "client.messages_in").asLong()).isEqualTo(5);
				assertThat(field(close, "client.bytes_in").asLong()).isGreaterThan(30);
				assertThat(field(close, "client.messages_out").asLong()).isGreaterThanOrEqualTo(4);
				assertThat(field(close, "client.bytes_out").asLong()).isGreaterThan(0);
				assertThat(field(close, "log.logger").asString()).isEqualTo("io.switchboard.audit");
				assertThat(field(close, "log.level").asString()).isEqualTo("INFO");
				String aliceId = field(close, "client.id").asString();
				JsonNode open = event(output, "connection-open", aliceId);
				assertThat(open).as("alice's open event").isNotNull();
				assertThat(field(open, "client.room").asString()).isEqualTo("lobby");

				String bobId = field(event(output, "connection-open", bob.address()), "client.id").asString();
				assertThat(server
					.http("POST", "/actuator/clients", "{\"message\": \"operators say hello\", \"room\": \"lobby\"}")
					.body()).contains("\"recipients\":1");
				assertThat(server.http("DELETE", "/actuator/clients/" + bobId, "").statusCode()).isEqualTo(200);
				JsonNode message = await().until(() -> event(output, "operator-message", "lobby"), (e) -> e != null);
				assertThat(field(message, "user.name").asString()).isEqualTo(ChatServer.ADMIN);
				assertThat(field(message, "operator.message_bytes").asInt()).isEqualTo("operators say hello".length());
				assertThat(field(message, "operator.recipients").asInt()).isEqualTo(1);
				JsonNode disconnect = event(output, "operator-disconnect", bobId);
				assertThat(field(disconnect, "user.name").asString()).isEqualTo(ChatServer.ADMIN);
				assertThat(field(disconnect, "event.outcome").asString()).isEqualTo("disconnected");
				JsonNode bobClose = await().until(() -> event(output, "connection-close", bobId), (e) -> e != null);
				assertThat(field(bobClose, "event.reason").asString()).isEqualTo("operator");
			}
		}
		assertThat(output.getOut()).doesNotContain("a secret only the room may read")
			.doesNotContain("operators say hello");
	}

	/**
	 * A field by its dotted name: ECS nests them ({@code client.id} is
	 * {@code {"client":{"id":...}}}).
	 */
	private static JsonNode field(JsonNode event, String name) {
		return event.at("/" + name.replace('.', '/'));
	}

	/**
	 * The audit event of this action with a {@code client} field of this value, or null.
	 */
	private static JsonNode event(CapturedOutput output, String action, String value) {
		Predicate<JsonNode> mentions = (event) -> event.get("client") != null && event.get("client")
			.properties()
			.stream()
			.map(Map.Entry::getValue)
			.anyMatch((field) -> field.isString() && field.asString().equals(value));
		List<JsonNode> events = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map(json::readTree)
			.filter((event) -> field(event, "event.action").asString("").equals(action))
			.filter(mentions)
			.toList();
		return events.isEmpty() ? null : events.getLast();
	}

}
