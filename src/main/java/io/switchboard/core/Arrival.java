package io.switchboard.core;

import org.jspecify.annotations.Nullable;

/**
 * What a door's handshake tells about a new client before it is admitted: a WebSocket
 * URL's {@code ?room=dev&since=ID} lets a reconnecting client resume its room with a
 * catch-up, with no live line of the default room before it; a token checked at the
 * handshake makes it authenticated from the start.
 *
 * @param room the room to start in, or null for the default room
 * @param since the id of the last line the client has of that room, or null
 * @param identity who its token proved it to be, or null
 */
public record Arrival(@Nullable String room, @Nullable String since, @Nullable Identity identity) {
}
