package io.switchboard.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.OutboundLine;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * How a carried protocol's lines become WebSocket messages: one a line, without its line
 * end, whatever lines a write holds; text always valid UTF-8, binary the bytes as they
 * are.
 */
class SubprotocolEndpointTests {

	private final WebSocketSession socket = mock(WebSocketSession.class);

	private final List<WebSocketMessage<?>> sent = new ArrayList<>();

	SubprotocolEndpointTests() throws IOException {
		willAnswer((invocation) -> this.sent.add(invocation.getArgument(0))).given(this.socket).sendMessage(any());
	}

	@Test
	void everyLineOfAWriteIsOneTextMessageWithoutItsLineEnd() throws IOException {
		endpoint(false).write(List.of(line("PING :a\r\n"), line(":s 372 n :- one\r\n:s 376 n :End\n"), line("\r\n")));
		assertThat(texts()).containsExactly("PING :a", ":s 372 n :- one", ":s 376 n :End");
		assertThat(this.sent).allMatch(TextMessage.class::isInstance);
	}

	@Test
	void aByteThatIsNotUtf8BecomesTheReplacementCharacterInAText() throws IOException {
		endpoint(false).write(new byte[] { 'h', (byte) 0xFF, 'i', '\r', '\n' });
		assertThat(texts()).containsExactly("h\uFFFDi");
	}

	@Test
	void binaryMessagesCarryTheBytesAsTheyAre() throws IOException {
		endpoint(true).write(new byte[] { 'h', (byte) 0xE9, '\r', '\n', 'x', '\n' });
		assertThat(this.sent).allMatch(BinaryMessage.class::isInstance);
		assertThat(this.sent).extracting((message) -> bytes((ByteBuffer) message.getPayload()))
			.containsExactly(new byte[] { 'h', (byte) 0xE9 }, new byte[] { 'x' });
	}

	@Test
	void shuttingOutputDownSendsTheCloseFrameWithTheCodeForWhyItEnds() throws IOException {
		endpoint(false).shutdownOutput();
		verify(this.socket).close(CloseStatus.POLICY_VIOLATION);
	}

	private List<String> texts() {
		return this.sent.stream().map((message) -> String.valueOf(message.getPayload())).toList();
	}

	private SubprotocolEndpoint endpoint(boolean binary) {
		return new SubprotocolEndpoint(this.socket, null, binary, () -> CloseStatus.POLICY_VIOLATION);
	}

	private static OutboundLine line(String text) {
		return new OutboundLine(text.getBytes(StandardCharsets.UTF_8), 0);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

}
