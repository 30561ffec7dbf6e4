package io.switchboard.websocket;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.switchboard.core.Dialect;
import io.switchboard.core.Event;
import io.switchboard.core.OutboundLine;

/**
 * The {@code switchboard.text} subprotocol: each text frame is one line of the line
 * protocol, exactly what {@code nc} receives, without its LF. Lines are rendered by the
 * hub's line dialect and re-encoded as UTF-8, which WebSocket text frames must be.
 */
final class TextFrameDialect implements Dialect {

	static final String SUBPROTOCOL = "switchboard.text";

	private final Dialect lines;

	private final Charset charset;

	TextFrameDialect(Dialect lines, Charset charset) {
		this.lines = lines;
		this.charset = charset;
	}

	@Override
	public boolean multiRoom() {
		return this.lines.multiRoom();
	}

	@Override
	public OutboundLine render(Event event) {
		return frame(this.lines.render(event));
	}

	/**
	 * One frame per line, as for {@code nc}: a history is several frames.
	 */
	@Override
	public List<OutboundLine> renderAll(Event event) {
		return this.lines.renderAll(event).stream().map(this::frame).toList();
	}

	private OutboundLine frame(OutboundLine line) {
		byte[] bytes = line.bytes();
		int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\n') ? bytes.length - 1 : bytes.length;
		String text = new String(bytes, 0, length, this.charset);
		return new OutboundLine(text.getBytes(StandardCharsets.UTF_8), line.receivedNanos());
	}

	/**
	 * The line a client's frame carries: the frame itself, less one trailing LF (or CR
	 * LF) if it sent one as {@code nc} does.
	 */
	static String lineOf(String frame) {
		if (frame.endsWith("\r\n")) {
			return frame.substring(0, frame.length() - 2);
		}
		return frame.endsWith("\n") ? frame.substring(0, frame.length() - 1) : frame;
	}

}
