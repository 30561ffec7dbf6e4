package io.switchboard.irc;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How IRC lines carry a topic: whole up to {@code TOPICLEN} bytes, else cut before the
 * first character that would not fit whole.
 */
class IrcLinesTests {

	@Test
	void aTopicWithinTheLimitIsCarriedWhole() {
		assertThat(IrcLines.topic("release planning")).isEqualTo("release planning");
		assertThat(IrcLines.topic("x".repeat(IrcLines.TOPIC_BYTES))).hasSize(IrcLines.TOPIC_BYTES);
		assertThat(IrcLines.topic("\u00e9".repeat(IrcLines.TOPIC_BYTES / 2))).hasSize(IrcLines.TOPIC_BYTES / 2);
	}

	@Test
	void aLongerTopicIsCutBetweenCharactersWithinTheLimit() {
		assertThat(IrcLines.topic("x".repeat(301))).isEqualTo("x".repeat(300));
		assertThat(IrcLines.topic("x" + "\u20ac".repeat(200))).isEqualTo("x" + "\u20ac".repeat(99));
		String emoji = IrcLines.topic("\ud83d\ude00".repeat(100)); // 4 bytes each
		assertThat(emoji).isEqualTo("\ud83d\ude00".repeat(75));
		String mixed = IrcLines.topic("ab" + "\ud83d\ude00".repeat(100));
		assertThat(mixed.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(IrcLines.TOPIC_BYTES);
		assertThat(mixed).isEqualTo("ab" + "\ud83d\ude00".repeat(74));
	}

}
