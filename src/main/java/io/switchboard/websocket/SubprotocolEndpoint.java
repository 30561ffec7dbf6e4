package io.switchboard.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import io.switchboard.core.OutboundLine;
import io.switchboard.transport.StreamTransport;
import io.switchboard.transport.WebSocketSubprotocol;
import jakarta.websocket.RemoteEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The WebSocket under a {@link WebSocketSubprotocol}'s client, as the stream endpoint
 * that protocol writes to: every line it writes (ended by LF or CR LF, several at once in
 * a history) goes out as one message without its line end, as the IRCv3 WebSocket spec
 * asks; text messages are UTF-8 (a byte that is not becomes U+FFFD, so a browser is never
 * cut for invalid text), binary ones the bytes as they are. Its outbox's drainer writes,
 * one drain at a time, as {@link WebSocketTransport} does; shutting output down sends the
 * close frame, whose code says why the client leaves.
 */
final class SubprotocolEndpoint implements StreamTransport.Endpoint {

	private final WebSocketSession socket;

	private final RemoteEndpoint.@Nullable Basic remote;

	private final boolean binary;

	private final WebSocketTransport closer;

	private final Supplier<CloseStatus> status;

	/**
	 * @param container the container's session, if there is one: its sends are batched
	 * @param status the close code, once the client's session is ending
	 */
	SubprotocolEndpoint(WebSocketSession socket, jakarta.websocket.@Nullable Session container, boolean binary,
			Supplier<CloseStatus> status) {
		this.socket = socket;
		this.remote = (container != null) ? container.getBasicRemote() : null;
		this.binary = binary;
		this.status = status;
		this.closer = new WebSocketTransport(socket, container, () -> null);
	}

	@Override
	public void write(byte[] bytes) throws IOException {
		send(List.of(bytes));
	}

	/**
	 * The lines of a drain in as few socket writes as the container's buffer allows (see
	 * {@link WebSocketTransport#write}).
	 */
	@Override
	public void write(List<OutboundLine> lines) throws IOException {
		send(lines.stream().map(OutboundLine::bytes).toList());
	}

	private void send(List<byte[]> chunks) throws IOException {
		boolean several = chunks.size() > 1 || (!chunks.isEmpty() && lineEnds(chunks.getFirst()) > 1);
		RemoteEndpoint.Basic batch = several ? this.remote : null;
		if (batch != null) {
			batch.setBatchingAllowed(true);
		}
		try {
			for (byte[] bytes : chunks) {
				int start = 0;
				while (start < bytes.length) {
					int end = indexOf(bytes, (byte) '\n', start);
					int next = (end < 0) ? bytes.length : end + 1;
					int stop = (end < 0) ? bytes.length : end;
					if (stop > start && bytes[stop - 1] == '\r') {
						stop--;
					}
					if (stop > start) {
						this.socket.sendMessage(message(bytes, start, stop - start));
					}
					start = next;
				}
			}
		}
		finally {
			if (batch != null) {
				batch.setBatchingAllowed(false);
			}
		}
	}

	private WebSocketMessage<?> message(byte[] bytes, int offset, int length) {
		return this.binary ? new BinaryMessage(ByteBuffer.wrap(bytes, offset, length).slice())
				: new TextMessage(new String(bytes, offset, length, StandardCharsets.UTF_8));
	}

	/**
	 * The close frame, after everything written before it.
	 */
	@Override
	public void shutdownOutput() {
		this.closer.close(this.status.get());
	}

	/**
	 * The close frame now, if it was not sent; the container gives up on one it cannot
	 * send at once and closes the socket, which fails a write that is stuck.
	 */
	@Override
	public void close() {
		if (this.socket.isOpen()) {
			this.closer.close(this.status.get());
		}
	}

	private static int lineEnds(byte[] bytes) {
		int ends = 0;
		for (byte b : bytes) {
			ends += (b == '\n') ? 1 : 0;
		}
		return ends;
	}

	private static int indexOf(byte[] bytes, byte wanted, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
