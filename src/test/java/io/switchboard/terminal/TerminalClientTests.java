package io.switchboard.terminal;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalClientTests {

	@Test
	void reconnectDelaysAreDrawnFromTheUpperHalfOfTheBackoffSoClientsClosedTogetherComeBackSpread() {
		Set<Duration> delays = IntStream.range(0, 200)
			.mapToObj((i) -> TerminalClient.jittered(Duration.ofSeconds(1)))
			.collect(Collectors.toSet());
		assertThat(delays)
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
		assertThat(delays).as("not one instant for everyone").hasSizeGreaterThan(50);
		assertThat(TerminalClient.jittered(Duration.ofSeconds(30))).isBetween(Duration.ofSeconds(15),
				Duration.ofSeconds(30));
	}

}
