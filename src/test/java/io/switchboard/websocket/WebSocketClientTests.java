package io.switchboard.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a connection puts a binary message together from the parts the container hands
 * over: whole once its last part is in, and one past the limit is reported once and never
 * kept.
 */
class WebSocketClientTests {

	private final WebSocketClient client = new WebSocketClient(false, null);

	private final AtomicInteger tooLong = new AtomicInteger();

	@Test
	void aBinaryMessageInOnePartIsItsBytes() {
		assertThat(part("NICK alice", true)).isEqualTo(bytes("NICK alice"));
	}

	@Test
	void aBinaryMessageInPartsIsWholeOnceItsLastPartIsIn() {
		assertThat(part("PRIVMSG #a", false)).isNull();
		assertThat(part(" :hi", false)).isNull();
		assertThat(part(" there", true)).isEqualTo(bytes("PRIVMSG #a :hi there"));
		assertThat(part("next", true)).isEqualTo(bytes("next"));
		assertThat(this.tooLong).hasValue(0);
	}

	@Test
	void aBinaryMessagePastTheLimitIsReportedOnceAndItsRestDropped() {
		assertThat(part("0123456789", false)).isNull();
		assertThat(part("0123456789", false)).isNull();
		assertThat(part("0123456789", false)).isNull();
		assertThat(part("end", true)).isNull();
		assertThat(this.tooLong).hasValue(1);
		assertThat(part("after", true)).isEqualTo(bytes("after"));
	}

	private byte @Nullable [] part(String text, boolean last) {
		return this.client.assemble(ByteBuffer.wrap(bytes(text)), last, 24, this.tooLong::incrementAndGet);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
