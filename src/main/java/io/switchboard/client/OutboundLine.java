package io.switchboard.client;

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
	public static OutboundLine concatenated(java.util.List<OutboundLine> lines) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		lines.forEach((line) -> bytes.writeBytes(line.bytes()));
		return new OutboundLine(bytes.toByteArray(), 0);
	}

}
