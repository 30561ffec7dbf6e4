package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Another protocol's opening on a chat stream: a TLS ClientHello or an HTTP request line
 * as the first frame. Its sender gets an answer its own client understands, then is
 * closed, instead of its bytes reaching the room as garbage chat lines. Only the first
 * frame is judged, so a chat line later on is never mistaken for a request.
 */
enum ForeignProtocol {

	/** An HTTP/1.x request line, or HTTP/2's preface ({@code PRI * HTTP/2.0}). */
	HTTP(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: " + Answer.LINE.length()
			+ "\r\nConnection: close\r\n\r\n" + Answer.LINE)
		.getBytes(StandardCharsets.US_ASCII)),

	/**
	 * A TLS handshake record: a fatal {@code handshake_failure} alert (TLS 1.2 record
	 * version, which TLS 1.3 clients accept too), then the error as a line for a human
	 * reading raw bytes.
	 */
	TLS(concat(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 },
			Answer.LINE.getBytes(StandardCharsets.US_ASCII)));

	private static final Pattern REQUEST_LINE = Pattern
		.compile("(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH|PRI) [^ \\r\\n]+ HTTP/[0-9].*", Pattern.DOTALL);

	private final OutboundLine answer;

	ForeignProtocol(byte[] answer) {
		this.answer = new OutboundLine(answer, 0);
	}

	/**
	 * What its sender gets before the connection is closed.
	 */
	OutboundLine answer() {
		return this.answer;
	}

	/**
	 * @param firstFrame the first message of a stream connection, without its line end
	 * @return the protocol it opens, or null if it may be chat
	 */
	static @Nullable ForeignProtocol recognise(byte[] firstFrame) {
		if (firstFrame.length >= 2 && firstFrame[0] == 0x16 && firstFrame[1] == 0x03) {
			return TLS;
		}
		// Request lines are ASCII; Latin-1 maps each byte to one char whatever the
		// charset.
		if (firstFrame.length >= 12
				&& REQUEST_LINE.matcher(new String(firstFrame, StandardCharsets.ISO_8859_1)).matches()) {
			return HTTP;
		}
		return null;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static final class Answer {

		static final String LINE = "ERR this is a chat port\n";

	}

}
