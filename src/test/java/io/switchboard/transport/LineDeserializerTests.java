package io.switchboard.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.switchboard.core.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LineDeserializerTests {

	private final LineDeserializer deserializer = new LineDeserializer(5);

	@Test
	void linesAreSplitOnLfWithTheCrBeforeItDropped() throws IOException {
		InputStream in = stream("one\r\ntwo\n\nthree");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("one");
		assertThat(text(this.deserializer.deserialize(in))).isEqualTo("two");
		assertThat(text(this.deserializer.deserialize(in))).isEmpty();
		assertThat(text(this.deserializer.deserialize(in))).as("a last line without LF").isEqualTo("three");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> this.deserializer.deserialize(in));
	}

	@Test
	void lineOfExactlyTheLimitPassesEvenWithCrlf() throws IOException {
		assertThat(text(this.deserializer.deserialize(stream("12345\r\n")))).isEqualTo("12345");
		assertThat(text(this.deserializer.deserialize(stream("12345\n")))).isEqualTo("12345");
	}

	@Test
	void lineOverTheLimitIsTooLongWithoutReadingItAll() throws IOException {
		assertThat(this.deserializer.deserialize(stream("123456\n")).tooLong()).isTrue();
		InputStream endless = stream("1234567890".repeat(1000));
		assertThat(this.deserializer.deserialize(endless).tooLong()).isTrue();
		assertThat(endless.available()).isGreaterThan(9_000);
	}

	@Test
	void crAloneIsKeptAsText() throws IOException {
		assertThat(text(this.deserializer.deserialize(stream("a\rb\n")))).isEqualTo("a\rb");
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(Frame frame) {
		assertThat(frame.tooLong()).isFalse();
		return new String(frame.bytes(), StandardCharsets.UTF_8);
	}

}
