package io.switchboard.udp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JoinTokensTests {

	private final MutableClock clock = new MutableClock();

	private final JoinTokens tokens = new JoinTokens(this.clock);

	private final InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);

	@Test
	void tokenIsBoundToAddressAndPort() {
		String token = this.tokens.issue(this.peer);
		assertThat(token).matches("[0-9a-f]{8}");
		assertThat(this.tokens.verify(this.peer, token)).isTrue();
		assertThat(this.tokens.verify(new InetSocketAddress("127.0.0.1", 40001), token)).isFalse();
		assertThat(this.tokens.verify(new InetSocketAddress("127.0.0.2", 40000), token)).isFalse();
	}

	@Test
	void tokenExpiresAfterItsMinuteAndTheNext() {
		String token = this.tokens.issue(this.peer);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(this.tokens.verify(this.peer, token)).isTrue();
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.tokens.verify(this.peer, token)).isFalse();
	}

	@Test
	void tokensIssuedJustBeforeAKeyRotationStayValid() {
		this.clock.set(Instant.parse("2026-01-01T00:09:59Z"));
		String beforeRotation = this.tokens.issue(this.peer);
		this.clock.set(Instant.parse("2026-01-01T00:10:30Z"));
		this.tokens.issue(new InetSocketAddress("127.0.0.1", 1)); // rotates the key
		assertThat(this.tokens.verify(this.peer, beforeRotation)).as("previous key still accepted").isTrue();
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		void set(Instant instant) {
			this.now = instant;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
