package io.switchboard.health;

import com.jayway.jsonpath.JsonPath;
import io.switchboard.ChatServer;
import io.switchboard.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import io.switchboard.transport.StreamListener;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SwitchboardTest("--spring.application.name=health-down")
@DirtiesContext
class ListenerHealthTests {

	@Autowired
	ChatServer server;

	@Autowired
	@Qualifier("tcpChatServer")
	StreamListener tcp;

	@Test
	void healthShowsEachListenerAndGoesDownWhenOneStopsListening() {
		int port = this.server.tcpPort();
		String health = this.server.get("/actuator/health").body();
		assertThat((Integer) JsonPath.read(health, "$.components.tcp.details.port")).isEqualTo(port);
		for (String listener : new String[] { "tcp", "udp", "echo" }) {
			assertThat((Boolean) JsonPath.read(health, "$.components." + listener + ".details.listening")).isTrue();
			assertThat((String) JsonPath.read(health, "$.components." + listener + ".status")).isEqualTo("UP");
		}
		assertThat(this.server.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(this.server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

		this.tcp.stop();

		await().untilAsserted(() -> {
			assertThat(this.server.get("/actuator/health").statusCode()).isEqualTo(503);
			assertThat(this.server.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		});
		assertThat((Boolean) JsonPath.read(this.server.get("/actuator/health").body(),
				"$.components.tcp.details.listening"))
			.isFalse();
		assertThat(this.server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

}
