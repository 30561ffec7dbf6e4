package io.switchboard.terminal;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	@Test
	void theTokenComesFromTheOptionOrElseTheEnvironment() {
		assertThat(ClientOptions.parse("from-env", new String[] { "127.0.0.1" }).token()).isEqualTo("from-env");
		assertThat(ClientOptions.parse("from-env", new String[] { "--token", "given", "127.0.0.1", "7000" }))
			.isEqualTo(new ClientOptions(false, false, null, "127.0.0.1", 7000, "given"));
		assertThat(ClientOptions.parse("  ", new String[] { "127.0.0.1" }).token()).isNull();
	}

	@Test
	void aMissingOrSplitTokenIsRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientOptions.parse(null, new String[] { "--token" }))
			.withMessageContaining("--token needs a token");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientOptions.parse(null, new String[] { "--token", "a b" }))
			.withMessageContaining("--token needs a token");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientOptions.parse("a\nquit", new String[] { "127.0.0.1" }))
			.withMessageContaining("SWITCHBOARD_TOKEN must hold one token");
	}

	@Test
	void theUsageLineNamesTheLauncher() {
		assertThat(ClientOptions.USAGE).startsWith("usage: ./switchboard client ").contains("--token TOKEN");
	}

}
