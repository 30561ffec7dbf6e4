package io.switchboard.udp;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberKeyTests {

	private static final long SECOND = 1_000_000_000L;

	private final MemberKey key = new MemberKey(new Random(42), StandardCharsets.UTF_8, 0);

	@Test
	void keyIsEightCharactersOfLowercaseBase32() {
		Random random = new Random(7);
		for (int i = 0; i < 1000; i++) {
			assertThat(MemberKey.generate(random)).matches("[a-z2-7]{8}");
		}
	}

	@Test
	void keyAndSpaceAreStrippedAndTheBareKeyIsAHeartbeat() {
		assertThat(open(this.key.key() + " /nick bob")).isEqualTo("/nick bob");
		assertThat(open(this.key.key())).isEmpty();
		assertThat(open(this.key.key() + " ")).isEmpty();
	}

	@Test
	void datagramWithoutTheKeyIsDroppedAndWarnsAtMostOncePerTenSeconds() {
		MemberKey.Check first = this.key.check(bytes("hello"), SECOND);
		assertThat(first.message()).isNull();
		assertThat(first.warn()).isTrue();
		assertThat(this.key.check(bytes(""), 2 * SECOND).warn()).isFalse();
		assertThat(this.key.check(bytes(this.key.key() + "x hi"), 3 * SECOND).warn()).isFalse();
		assertThat(this.key.check(bytes("hello"), 11 * SECOND).warn()).isTrue();
	}

	@Test
	void sixteenWrongKeysBurnTheKeySoEvenTheRightOneIsRefusedUntilItIsReplaced() {
		String original = this.key.key();
		for (int i = 0; i < MemberKey.GUESSES_PER_KEY; i++) {
			MemberKey.Check check = this.key.check(bytes("aaaaaaab guess"), 100);
			assertThat(check.message()).isNull();
			assertThat(check.replacement()).as("not within a second of the last key").isNull();
		}
		assertThat(this.key.check(bytes(original + " right but too late"), 200).message()).isNull();
		assertThat(this.key.replaceIfBurnt(SECOND - 1)).isNull();

		String replacement = this.key.replaceIfBurnt(SECOND);
		assertThat(replacement).isNotNull().isNotEqualTo(original).isEqualTo(this.key.key());
		assertThat(this.key.check(bytes(original + " old"), SECOND + 1).message()).isNull();
		assertThat(open(replacement + " new")).isEqualTo("new");
	}

	@Test
	void wrongKeysAfterTheFirstSecondReplaceTheKeyOnTheSixteenth() {
		for (int i = 1; i < MemberKey.GUESSES_PER_KEY; i++) {
			assertThat(this.key.check(bytes("guess " + i), 2 * SECOND).replacement()).isNull();
		}
		MemberKey.Check sixteenth = this.key.check(bytes("guess 16"), 2 * SECOND);
		assertThat(sixteenth.replacement()).isEqualTo(this.key.key());
		assertThat(this.key.replaceIfBurnt(4 * SECOND)).as("a fresh key is not burnt").isNull();
	}

	@Test
	void rightKeysDoNotResetTheCountOfWrongOnes() {
		for (int i = 1; i < MemberKey.GUESSES_PER_KEY; i++) {
			this.key.check(bytes("guess " + i), 2 * SECOND);
			assertThat(open(this.key.key() + " still me")).isEqualTo("still me");
		}
		assertThat(this.key.check(bytes("guess 16"), 2 * SECOND).replacement()).isNotNull();
	}

	private String open(String datagram) {
		byte[] message = this.key.check(bytes(datagram), 0).message();
		assertThat(message).as(datagram).isNotNull();
		return new String(message, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
