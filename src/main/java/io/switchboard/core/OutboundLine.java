package io.switchboard.core;

import java.util.List;

/**
 * One encoded line on its way to clients. A broadcast creates one instance and shares it
 * with every receiver's outbox, so a message is formatted and encoded once.
 *
 * @param bytes the encoded line, ending in LF
 * @param receivedNanos {@link System#nanoTime()} when the message that caused it was
 * received, or 0 for replies, which the delivery latency timer leaves out
 */
public record OutboundLine(byte[] bytes, long receivedNanos) {

	public int length() {
		return this.bytes.length;
	}

	/**
	 * Several lines as one (a history block queued as a unit), with no latency origin.
	 */
	public static OutboundLine concatenated(List<OutboundLine> lines) {
		byte[] bytes = new byte[length(lines)];
		int offset = 0;
		for (OutboundLine line : lines) {
			System.arraycopy(line.bytes(), 0, bytes, offset, line.length());
			offset += line.length();
		}
		return new OutboundLine(bytes, 0);
	}

	/**
	 * When the oldest message among several lines was received: the first origin that is
	 * not a reply's; 0 if they are all replies.
	 */
	public static long firstReceivedNanos(List<OutboundLine> lines) {
		for (int i = 0; i < lines.size(); i++) { // no iterator per write
			long received = lines.get(i).receivedNanos();
			if (received != 0) {
				return received;
			}
		}
		return 0;
	}

	/**
	 * The bytes of several lines together.
	 */
	public static int length(List<OutboundLine> lines) {
		int total = 0;
		for (OutboundLine line : lines) {
			total += line.length();
		}
		return total;
	}

}
