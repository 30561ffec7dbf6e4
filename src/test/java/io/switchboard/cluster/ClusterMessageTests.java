package io.switchboard.cluster;

import java.time.Instant;
import java.util.Arrays;

import io.switchboard.core.Ban;
import io.switchboard.core.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterMessageTests {

	@Test
	void everyKindSurvivesTheWire() {
		Event.Chat chat = new Event.Chat("7@node-a", "lobby", "bea", "hi <U+202E> \u00e9".repeat(5000),
				Instant.ofEpochMilli(1_764_547_200_123L), 42);
		ClusterMessage.RoomEvent room = (ClusterMessage.RoomEvent) ClusterMessage
			.decode(ClusterMessage.encode(new ClusterMessage.RoomEvent("node-a", "lobby", "tcp-1@node-a", chat)));
		assertThat(room.origin()).isEqualTo("node-a");
		assertThat(room.room()).isEqualTo("lobby");
		assertThat(room.excludedId()).isEqualTo("tcp-1@node-a");
		Event.Chat received = (Event.Chat) room.event();
		assertThat(received).usingRecursiveComparison().ignoringFields("receivedNanos").isEqualTo(chat);
		assertThat(received.receivedNanos()).as("measured from the arrival here").isNotEqualTo(42);
		for (Event event : new Event[] { new Event.Info("pong"), new Event.Failure("slow down"),
				new Event.Greeting("* hello", "lobby"), new Event.Presence("dev", "udp-3", true),
				new Event.Operator("hi") }) {
			assertThat(((ClusterMessage.OperatorEvent) ClusterMessage
				.decode(ClusterMessage.encode(new ClusterMessage.OperatorEvent("a", "", event)))).event())
				.isEqualTo(event);
		}
		assertThat(ClusterMessage.decode(ClusterMessage.encode(new ClusterMessage.Disconnect("a", "udp-3@b"))))
			.isEqualTo(new ClusterMessage.Disconnect("a", "udp-3@b"));
		assertThat(ClusterMessage.decode(ClusterMessage.encode(new ClusterMessage.Heartbeat("a", 42))))
			.isEqualTo(new ClusterMessage.Heartbeat("a", 42));
		for (Ban ban : new Ban[] {
				Ban.of(Ban.Kind.CIDR, "10.1.2.3/16", "a\ttab and \u00e9", "operator", "1h", Instant.now()),
				Ban.of(Ban.Kind.SUBJECT, "user@example", null, "bob", null, Instant.now()) }) {
			assertThat(ClusterMessage.decode(ClusterMessage.encode(new ClusterMessage.BanImposed("a", ban))))
				.usingRecursiveComparison()
				.isEqualTo(new ClusterMessage.BanImposed("a", ban));
		}
		assertThat(ClusterMessage.decode(ClusterMessage.encode(new ClusterMessage.BanLifted("a", "x1"))))
			.isEqualTo(new ClusterMessage.BanLifted("a", "x1"));
	}

	@Test
	void somethingElseOnTheChannelIsRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterMessage.decode("hello".getBytes()))
			.withMessageContaining("version");
		byte[] truncated = ClusterMessage
			.encode(new ClusterMessage.OperatorEvent("a", "", new Event.Operator("x".repeat(100))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClusterMessage.decode(Arrays.copyOf(truncated, truncated.length - 10)))
			.withMessageContaining("truncated");
	}

}
