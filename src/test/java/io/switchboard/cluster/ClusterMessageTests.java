package io.switchboard.cluster;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterMessageTests {

	@Test
	void everyKindSurvivesTheWire() {
		byte[] line = "[12:00:00] bea hi\n".getBytes(StandardCharsets.UTF_8);
		ClusterMessage.RoomLine room = (ClusterMessage.RoomLine) ClusterMessage
			.decode(ClusterMessage.encode(new ClusterMessage.RoomLine("node-a", "lobby", "tcp-1@node-a", line)));
		assertThat(room.origin()).isEqualTo("node-a");
		assertThat(room.room()).isEqualTo("lobby");
		assertThat(room.excludedId()).isEqualTo("tcp-1@node-a");
		assertThat(room.line()).isEqualTo(line);
		assertThat(ClusterMessage.decode(ClusterMessage.encode(new ClusterMessage.Disconnect("a", "udp-3@b"))))
			.isEqualTo(new ClusterMessage.Disconnect("a", "udp-3@b"));
		assertThat(ClusterMessage.decode(ClusterMessage.encode(new ClusterMessage.Heartbeat("a", 42))))
			.isEqualTo(new ClusterMessage.Heartbeat("a", 42));
	}

	@Test
	void somethingElseOnTheChannelIsRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterMessage.decode("hello".getBytes()))
			.withMessageContaining("version");
		byte[] truncated = ClusterMessage.encode(new ClusterMessage.OperatorLine("a", "", new byte[100]));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClusterMessage.decode(java.util.Arrays.copyOf(truncated, truncated.length - 10)))
			.withMessageContaining("truncated");
	}

}
