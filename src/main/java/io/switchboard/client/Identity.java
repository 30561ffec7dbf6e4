package io.switchboard.client;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who a client proved to be with a token ({@code switchboard.auth.mode=token}) and what
 * it may do.
 *
 * @param subject the token's {@code sub}
 * @param nick the nick the token gives, or null
 * @param rooms room patterns it may join ({@code *} any; {@code team-*} a prefix)
 * @param publish room patterns it may send to
 * @param admin whether it may act as an operator in rooms
 * @param expiresAt when the token expires
 */
public record Identity(String subject, @Nullable String nick, List<String> rooms, List<String> publish, boolean admin,
		Instant expiresAt) {

	public boolean mayJoin(String room) {
		return RoomPattern.anyMatches(this.rooms, room);
	}

	public boolean mayPublish(String room) {
		return RoomPattern.anyMatches(this.publish, room);
	}

}
