package io.switchboard.client.actuate;

import java.time.Instant;

import io.switchboard.client.ClientSession;
import org.jspecify.annotations.Nullable;

/**
 * One client as the {@code clients} endpoint shows it.
 */
public record ClientDescriptor(String id, String protocol, String remoteAddress, @Nullable String nick, String room,
		Instant connectedAt, Instant lastActiveAt, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
		long outboxBytes) {

	static ClientDescriptor of(ClientSession session) {
		return new ClientDescriptor(session.id(), session.protocol().tag(), session.remoteAddress(), session.nick(),
				session.room(), session.connectedAt(), session.lastActiveAt(), session.messagesIn(),
				session.messagesOut(), session.bytesIn(), session.bytesOut(), session.outboxBytes());
	}

}
