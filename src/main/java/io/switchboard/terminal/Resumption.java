package io.switchboard.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the user chose and the server confirmed (a nick, a room, a token typed as
 * {@code /auth TOKEN}), asked for again at the start of every new connection, so a
 * reconnect puts the user back where they were. Only what the user asked for is kept:
 * what the server gives by itself (the default room, a token's nick) it gives again.
 */
final class Resumption {

	private static final String NICK_REPLY = "* you are now ";

	private static final String ROOM_REPLY = "* you are now in room ";

	private static final String SIGNED_IN_REPLY = "* authenticated as ";

	private volatile @Nullable String token;

	private volatile @Nullable String nick;

	private volatile @Nullable String room;

	private volatile @Nullable String askedNick;

	private volatile @Nullable String askedRoom;

	private volatile @Nullable String askedToken;

	Resumption(@Nullable String token) {
		this.token = token;
	}

	/**
	 * A line the user sent: remembered as asked for until the server confirms it.
	 */
	void sent(String line) {
		String[] words = line.strip().split("\\s+");
		if (words.length < 2) {
			return;
		}
		switch (words[0]) {
			case "/nick" -> this.askedNick = words[1];
			case "/join" -> this.askedRoom = words[1].toLowerCase(Locale.ROOT);
			case "/auth" -> this.askedToken = words[1];
			default -> {
			}
		}
	}

	/**
	 * A line the server sent: a confirmation of what was asked for makes it part of the
	 * state to resume.
	 */
	void received(String line) {
		if (line.startsWith(ROOM_REPLY)) {
			String confirmed = line.substring(ROOM_REPLY.length()).strip();
			if (confirmed.equals(this.askedRoom)) {
				this.room = confirmed;
			}
		}
		else if (line.startsWith(NICK_REPLY)) {
			String confirmed = line.substring(NICK_REPLY.length()).strip();
			if (confirmed.equals(this.askedNick)) {
				this.nick = confirmed;
			}
		}
		else if (line.startsWith(SIGNED_IN_REPLY) && this.askedToken != null) {
			this.token = this.askedToken;
			this.askedToken = null;
		}
	}

	/**
	 * The lines that open a new connection: the sign-in first (the server takes nothing
	 * else before it), then the nick and the room.
	 */
	List<String> openingLines() {
		List<String> lines = new ArrayList<>(3);
		String currentToken = this.token;
		if (currentToken != null) {
			lines.add("/auth " + currentToken);
		}
		String currentNick = this.nick;
		if (currentNick != null) {
			lines.add("/nick " + currentNick);
		}
		String currentRoom = this.room;
		if (currentRoom != null) {
			lines.add("/join " + currentRoom);
		}
		return lines;
	}

}
