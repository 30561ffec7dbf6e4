package io.switchboard.admin;

import java.time.Instant;
import java.util.List;

import io.switchboard.core.ClientSession;
import io.switchboard.core.ClientTraffic;
import org.jspecify.annotations.Nullable;

/**
 * One client as the {@code clients} endpoint shows it; {@code remoteAddress} only to the
 * admin (null otherwise). {@code room} is the room it writes to, {@code rooms} every room
 * it is in.
 */
public record ClientDescriptor(String id, String protocol, @Nullable String remoteAddress, @Nullable String nick,
		String room, List<String> rooms, Instant connectedAt, Instant lastActiveAt, long messagesIn, long messagesOut,
		long bytesIn, long bytesOut, long outboxBytes) {

	static ClientDescriptor of(ClientSession session, boolean showAddress) {
		ClientTraffic traffic = session.traffic();
		return new ClientDescriptor(session.id(), session.protocol().tag(),
				showAddress ? session.remoteAddress() : null, session.nick(), session.room(),
				session.membership().all(), session.connectedAt(), traffic.lastActiveAt(), traffic.messagesIn(),
				traffic.messagesOut(), traffic.bytesIn(), traffic.bytesOut(), session.outboxBytes());
	}

}
