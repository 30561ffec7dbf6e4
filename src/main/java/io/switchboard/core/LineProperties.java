package io.switchboard.core;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The line protocol's room model ({@code switchboard.line.*}).
 *
 * @param multiRoom false: a line client is in one room, and {@code /join} moves it (what
 * {@code nc} users know). True: {@code /join} adds a room and makes it the one written
 * to, {@code /part} leaves one, and chat lines name their room
 * @param multiRoomFormat the chat line format when {@code multi-room} is on
 */
@ConfigurationProperties("switchboard.line")
public record LineProperties(@DefaultValue("false") boolean multiRoom,
		@DefaultValue("[{time}] #{room} {from} {text}") String multiRoomFormat) {
}
