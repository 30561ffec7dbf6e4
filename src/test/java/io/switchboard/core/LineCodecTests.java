package io.switchboard.core;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineCodecTests {

	@Test
	void aTextStartsWithAnAsciiCharacterByItsFirstByteInAnAsciiCompatibleCharset() {
		for (Charset charset : new Charset[] { StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
				Charset.forName("GBK") }) {
			LineCodec codec = new LineCodec(charset);
			assertThat(codec.startsWith("/join x".getBytes(charset), '/')).as(charset.name()).isTrue();
			assertThat(codec.startsWith("hi /join".getBytes(charset), '/')).as(charset.name()).isFalse();
			assertThat(codec.startsWith("\u4f60/".getBytes(charset), '/')).as(charset.name()).isFalse();
			assertThat(codec.startsWith(new byte[0], '/')).as(charset.name()).isFalse();
		}
	}

	@Test
	void inUtf16TheTextIsDecodedFirst() {
		LineCodec codec = new LineCodec(StandardCharsets.UTF_16BE);
		assertThat(codec.startsWith("/join x".getBytes(StandardCharsets.UTF_16BE), '/')).isTrue();
		// Its first byte is 0x00, its second a slash: neither is the text's first
		// character.
		assertThat(codec.startsWith("\u002f".getBytes(StandardCharsets.UTF_16BE), '/')).isTrue();
		assertThat(codec.startsWith("\u2f00".getBytes(StandardCharsets.UTF_16BE), '/')).isFalse();
	}

}
