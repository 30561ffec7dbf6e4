package io.switchboard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Token authentication ({@code switchboard.auth.mode=token}) in the one lifecycle every
 * door shares: until a client has shown a valid token ({@code /auth TOKEN}, or at a
 * WebSocket handshake) it is in no room and only {@code /auth} and the commands
 * {@link LineCommands} allows before sign-in work; it is closed if it does not within the
 * timeout, on a bad token, and when its token expires (warned a minute before) unless a
 * fresh one came.
 */
final class AuthGate {

	private static final Duration WARNING = Duration.ofSeconds(60);

	private final AuthSettings settings;

	private final RoomEntry entry;

	private final ChatCommands commands;

	private final String defaultRoom;

	private final Bans bans;

	AuthGate(AuthSettings settings, RoomEntry entry, ChatCommands commands, String defaultRoom, Bans bans) {
		this.bans = bans;
		this.settings = settings;
		this.entry = entry;
		this.commands = commands;
		this.defaultRoom = defaultRoom;
	}

	boolean required() {
		return this.settings.required();
	}

	/**
	 * A client was admitted: unless its handshake authenticated it, tell it how and close
	 * it if it does not in time.
	 */
	void admitted(ClientSession session) {
		if (!required()) {
			return;
		}
		Identity identity = session.identity();
		if (identity != null) {
			// Authenticated at the handshake, and already in its room.
			claimNick(session, identity);
			watchExpiry(session, identity);
			return;
		}
		session.send(Event.info("authenticate with /auth TOKEN within " + this.settings.timeout().toSeconds() + "s"));
		this.settings.scheduler().schedule(() -> {
			if (session.identity() == null) {
				session.close(CloseReason.AUTH_TIMEOUT, Event.failure("authentication timed out"));
			}
		}, this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Handle {@code /auth TOKEN}, the sign-in, at any time.
	 * @return true if the line was {@code /auth}
	 */
	boolean intercepts(ClientSession session, String text) {
		if (text.equals("/auth") || text.startsWith("/auth ")) {
			authenticate(session, text.substring(5).strip());
			return true;
		}
		return false;
	}

	/**
	 * Whether a client has shown a valid token, or need not.
	 */
	boolean signedIn(ClientSession session) {
		return !required() || session.identity() != null;
	}

	private void authenticate(ClientSession session, String token) {
		Authenticator authenticator = this.settings.authenticator();
		if (authenticator == null) {
			session.send(Event.failure("authentication is off on this server"));
			return;
		}
		Identity identity;
		try {
			identity = authenticator.authenticate(token);
		}
		catch (Authenticator.InvalidTokenException ex) {
			session.close(CloseReason.AUTH, Event.failure("invalid token: " + ex.getMessage()));
			return;
		}
		Ban ban = this.bans.matching(null, identity.nick(), identity.subject());
		if (ban != null) {
			session.close(CloseReason.BANNED, ban.refusal());
			return;
		}
		Identity previous = session.identity();
		if (previous != null && !previous.subject().equals(identity.subject())) {
			session.send(Event.failure("already authenticated as " + previous.subject()));
			return;
		}
		session.identity(identity);
		session.send(Event.info("authenticated as " + identity.subject() + " until " + identity.expiresAt()));
		watchExpiry(session, identity);
		if (previous == null) {
			enter(session, identity);
		}
	}

	/**
	 * The first authentication: the nick the token gives, then the default room.
	 */
	private void enter(ClientSession session, Identity identity) {
		claimNick(session, identity);
		if (session.dialect().startsInNoRoom()) {
			return; // it joins rooms when it asks
		}
		if (identity.mayJoin(this.defaultRoom)) {
			this.entry.enterFirstRoom(session, this.defaultRoom);
		}
		else {
			session.send(Event.info("you are in no room; /join one your token allows"));
		}
	}

	private void claimNick(ClientSession session, Identity identity) {
		String nick = identity.nick();
		if (nick != null) {
			Event claimed = this.commands.claimNick(session, nick);
			session.send((claimed instanceof Event.Failure && !Nicks.isReserved(nick))
					? Event.failure("nick " + nick + " is held by another session") : claimed);
		}
	}

	private void watchExpiry(ClientSession session, Identity identity) {
		long left = Duration.between(Instant.now(), identity.expiresAt()).toMillis();
		this.settings.scheduler().schedule(() -> {
			if (session.identity() == identity) {
				long seconds = Math.max(0, Duration.between(Instant.now(), identity.expiresAt()).toSeconds());
				session.send(Event.info("token expires in " + seconds + "s; " + session.dialect().renewToken()));
			}
		}, Math.max(0, left - WARNING.toMillis()), TimeUnit.MILLISECONDS);
		this.settings.scheduler().schedule(() -> {
			if (session.identity() == identity) {
				session.close(CloseReason.AUTH_EXPIRED, Event.failure("token expired"));
			}
		}, Math.max(0, left), TimeUnit.MILLISECONDS);
	}

}
