package io.switchboard.unix;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How Unix clients show in chat lines: {@code unix:N}, N counted across the stream and
 * datagram listeners so no two clients share a name. (Unix peers have no port number to
 * tell them apart by.)
 */
final class UnixNames {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private UnixNames() {
	}

	static String next() {
		return "unix:" + SEQUENCE.incrementAndGet();
	}

}
