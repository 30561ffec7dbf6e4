package io.switchboard.core;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a ban matches, how its input is read and what the banned client is told, without
 * sockets.
 */
class BanTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456Z");

	@Test
	void addressesAndNetworksMatchTheirAddressesOnly() throws Exception {
		Ban network = Ban.of(Ban.Kind.CIDR, " 203.0.113.77/24", null, "operator", null, NOW);
		assertThat(network.value()).isEqualTo("203.0.113.0/24");
		assertThat(network.matches(InetAddress.getByName("203.0.113.200"), null, null)).isTrue();
		assertThat(network.matches(InetAddress.getByName("203.0.114.1"), null, null)).isFalse();
		assertThat(network.matches(null, "alice", "alice")).as("no address, no match").isFalse();
		Ban v6 = Ban.of(Ban.Kind.IP, "2001:DB8::1", null, "operator", null, NOW);
		assertThat(v6.value()).isEqualTo("2001:db8:0:0:0:0:0:1");
		assertThat(v6.matches(InetAddress.getByName("2001:db8::1"), null, null)).isTrue();
		assertThat(v6.matches(InetAddress.getByName("2001:db8::2"), null, null)).isFalse();
	}

	@Test
	void nicksMatchIgnoringCaseAndSubjectsExactly() {
		Ban nick = Ban.of(Ban.Kind.NICK, "Alice", null, "operator", null, NOW);
		assertThat(nick.matches(null, "aLiCe", null)).isTrue();
		assertThat(nick.matches(null, "alicia", null)).isFalse();
		Ban subject = Ban.of(Ban.Kind.SUBJECT, "user-1", null, "operator", null, NOW);
		assertThat(subject.matches(null, "user-1", "user-1")).isTrue();
		assertThat(subject.matches(null, null, "USER-1")).isFalse();
	}

	@Test
	void aDurationEndsTheBanAndTheRefusalSaysUntilWhen() {
		Ban ban = Ban.of(Ban.Kind.NICK, "bob", "flooding\u001b[31m", "operator", "10m", NOW);
		assertThat(ban.until()).isEqualTo(Instant.parse("2026-12-01T10:10:00.123Z"));
		assertThat(ban.expired(NOW.plus(Duration.ofMinutes(9)))).isFalse();
		assertThat(ban.expired(NOW.plus(Duration.ofMinutes(10)))).isTrue();
		assertThat(ban.refusal().toString()).contains("banned: flooding^[[31m (until 2026-12-01T10:10:00Z)");
		Ban forever = Ban.of(Ban.Kind.NICK, "bob", null, "operator", "permanent", NOW);
		assertThat(forever.until()).isNull();
		assertThat(forever.refusal().toString()).contains("banned: no reason given (permanent)");
		assertThat(Ban.duration("7d")).isEqualTo(Duration.ofDays(7));
		assertThat(Ban.duration("PT1H")).isEqualTo(Duration.ofHours(1));
		assertThat(Ban.duration(null)).isNull();
	}

	@Test
	void badInputSaysWhatIsWrong() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Ban.of(Ban.Kind.CIDR, "10.0.0.0/33", null, "o", null, NOW))
			.withMessageContaining("not an address or network (CIDR)");
		assertThatIllegalArgumentException().isThrownBy(() -> Ban.of(Ban.Kind.IP, "localhost", null, "o", null, NOW))
			.withMessageContaining("not an address or network (CIDR)");
		assertThatIllegalArgumentException().isThrownBy(() -> Ban.of(Ban.Kind.IP, "10.0.0.0/8", null, "o", null, NOW))
			.withMessageContaining("ip must be one address");
		assertThatIllegalArgumentException().isThrownBy(() -> Ban.duration("10 minutes"))
			.withMessageContaining("duration must be like 90s, 10m, 1h, 7d or PT1H");
		assertThatIllegalArgumentException().isThrownBy(() -> Ban.duration("-5m"))
			.withMessageContaining("duration must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Ban.of(Ban.Kind.NICK, "bob", "x".repeat(301), "o", null, NOW))
			.withMessageContaining("reason must be at most 300 characters");
	}

}
