package io.switchboard.core;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-recipient allowances of private messages, without a server.
 */
class RecipientLimitsTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aRecipientTakesItsBurstThenItsRateAndOthersAreUntouched() {
		RecipientLimits limits = limits(2, 3, 1_000_000, 1_000_000);
		for (int i = 0; i < 3; i++) {
			assertThat(limits.tryTake("bob", 10, 0)).isTrue();
		}
		assertThat(limits.tryTake("bob", 10, 0)).isFalse();
		assertThat(limits.tryTake("carol", 10, 0)).as("another recipient").isTrue();
		assertThat(limits.tryTake("bob", 10, SECOND / 2)).as("refilled one").isTrue();
		assertThat(limits.tryTake("bob", 10, SECOND / 2)).isFalse();
	}

	@Test
	void aMessageRefusedForItsBytesCostsNoMessage() {
		RecipientLimits limits = limits(1, 2, 1, 100);
		assertThat(limits.tryTake("bob", 101, 0)).isFalse();
		assertThat(limits.tryTake("bob", 50, 0)).isTrue();
		assertThat(limits.tryTake("bob", 50, 0)).isTrue();
		assertThat(limits.tryTake("bob", 1, 0)).isFalse();
	}

	@Test
	void aLongestMessageAlwaysFitsTheByteBurst() {
		RecipientLimits limits = new RecipientLimits(
				new PrivateMessageProperties(10, 10, DataSize.ofBytes(10), DataSize.ofBytes(10)), 8192);
		assertThat(limits.tryTake("bob", 8192, 0)).isTrue();
	}

	@Test
	void allowancesWholeAgainAreForgotten() {
		RecipientLimits limits = limits(1, 1, 1_000, 1_000);
		limits.tryTake("bob", 10, 0);
		limits.tryTake("carol", 10, 0);
		limits.sweep(SECOND / 2);
		assertThat(limits.size()).isEqualTo(2);
		limits.sweep(2 * SECOND);
		assertThat(limits.size()).isZero();
		assertThat(limits.tryTake("bob", 10, 2 * SECOND)).isTrue();
		limits.forget("bob");
		assertThat(limits.size()).isZero();
	}

	private static RecipientLimits limits(int rate, int burst, long byteRate, long byteBurst) {
		return new RecipientLimits(
				new PrivateMessageProperties(rate, burst, DataSize.ofBytes(byteRate), DataSize.ofBytes(byteBurst)), 1);
	}

}
