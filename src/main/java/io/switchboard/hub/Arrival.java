package io.switchboard.hub;

import org.jspecify.annotations.Nullable;

/**
 * Where a new client asks to start, instead of the default room: a door whose handshake
 * can carry it (a WebSocket URL's {@code ?room=dev&since=ID}) lets a reconnecting client
 * resume its room with a catch-up, with no live line of the default room before it.
 *
 * @param room the room to start in
 * @param since the id of the last line the client has of that room, or null
 */
public record Arrival(String room, @Nullable String since) {
}
