package io.switchboard.core;

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
 * @param publishClaimed whether {@code publish} is the token's own claim rather than the
 * default for chat clients (its {@code rooms}): the publish API requires the claim, so a
 * person's chat token cannot post as a service
 */
public record Identity(String subject, @Nullable String nick, List<String> rooms, List<String> publish, boolean admin,
		Instant expiresAt, boolean publishClaimed) {

	public boolean mayJoin(String room) {
		return RoomPattern.anyMatches(this.rooms, room);
	}

	public boolean mayPublish(String room) {
		return RoomPattern.anyMatches(this.publish, room);
	}

}
