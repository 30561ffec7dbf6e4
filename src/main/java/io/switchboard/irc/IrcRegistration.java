package io.switchboard.irc;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Identity;
import io.switchboard.core.NickChange;
import io.switchboard.core.Nicks;
import org.jspecify.annotations.Nullable;

/**
 * An IRC client's registration: {@code PASS} (the token, with
 * {@code switchboard.auth.mode=token}), {@code NICK} (claimed at once, unique across
 * every door and node; with tokens once the token is checked, since it may give one) and
 * {@code USER}; once both are in and any capability negotiation has ended, the welcome.
 * Before that only these, {@code CAP}, {@code PING} and {@code QUIT} work ({@code 451}
 * for anything else).
 */
final class IrcRegistration {

	/**
	 * The commands of a client that has not registered yet; anything else is refused
	 * ({@code 451}).
	 */
	static final IrcCommandTable<IrcRegistration> TABLE = new IrcCommandTable<>(
			(me, command) -> "451 " + me + " :You have not registered",
			List.of(IrcCommand.of("CAP", (registration, call) -> call.connection().cap(call.message())),
					IrcCommand.of("PASS", (registration, call) -> registration.password = call.message().param(0)),
					IrcCommand.of("AUTHENTICATE",
							(registration, call) -> registration.authenticate(call.session(), call.message())),
					IrcCommand.of("NICK",
							(registration, call) -> registration.nick(call.session(), call.message().param(0))),
					IrcCommand.needing("USER", 4, List.of(0, 3),
							(registration, call) -> registration.user(call.session(), call.message())),
					IrcCommand.needing("PING", 1, List.of(),
							(registration, call) -> call.connection().pong(call.message())),
					IrcCommand.ignored("PONG"), IrcCommand.of("QUIT",
							(registration, call) -> call.connection().quit(call.session(), call.message().param(0)))));

	private static final int RECLAIM_TRIES = 5;

	private static final long RECLAIM_WAIT_NANOS = 40_000_000;

	private final IrcConnection connection;

	private final ChatHub hub;

	private @Nullable String password;

	private final IrcSasl sasl;

	IrcRegistration(IrcConnection connection, ChatHub hub) {
		this.connection = connection;
		this.hub = hub;
		this.sasl = new IrcSasl(connection);
	}

	/**
	 * Run an unregistered client's command, once {@link #TABLE}'s checks have passed.
	 */
	void handle(ClientSession current, IrcMessage message) {
		// No command of registration needs when its line was read.
		TABLE.run(this, new IrcCall(this.connection, current, message, System.nanoTime()));
	}

	private void user(ClientSession current, IrcMessage message) {
		String name = message.param(0).replaceAll("[^A-Za-z0-9_.-]", "");
		this.connection.user(name.isEmpty() ? "user" : name, message.param(3));
		complete(current);
	}

	/**
	 * SASL PLAIN with the token as its password ({@link IrcSasl}); only in token mode,
	 * and only for a client that asked for the {@code sasl} capability.
	 */
	private void authenticate(ClientSession current, IrcMessage message) {
		String me = this.connection.nickOrStar();
		if (!this.hub.authRequired() || !this.connection.has("sasl")) {
			this.connection.reply("904 " + me + " :SASL authentication failed");
			return;
		}
		String token = this.sasl.authenticate(current, message);
		if (token == null) {
			return;
		}
		this.hub.authenticate(current, token);
		Identity identity = current.identity();
		if (identity == null) {
			return; // refused: told and closed
		}
		me = this.connection.nickOrStar();
		this.connection.reply("900 " + me + " " + me + "!*@* " + identity.subject().replace(' ', '_')
				+ " :You are now logged in as " + identity.subject());
		this.connection.reply("903 " + me + " :SASL authentication successful");
	}

	private void nick(ClientSession current, String wanted) {
		if (wanted.isEmpty()) {
			this.connection.reply("431 " + this.connection.nickOrStar() + " :No nickname given");
		}
		else if (!Nicks.isValid(wanted) || Nicks.isReserved(wanted)) {
			this.connection.reply("432 " + this.connection.nickOrStar() + " " + wanted + " :Erroneous nickname");
		}
		else if (this.hub.authRequired()) {
			this.connection.nick(wanted);
			complete(current);
		}
		else if (claim(current, wanted)) {
			complete(current);
		}
	}

	/**
	 * Once NICK and USER are in and capability negotiation (if begun) has ended: the
	 * token (with {@code auth.mode=token}), the nick, then the welcome.
	 */
	void complete(ClientSession current) {
		String wanted = this.connection.nick();
		if (wanted == null || !this.connection.hasUser() || this.connection.negotiating()
				|| this.connection.isRegistered()) {
			return;
		}
		if (this.hub.authRequired() && current.identity() == null) {
			if (this.password == null || this.password.isEmpty()) {
				this.connection.reply("464 " + wanted + " :Password required: PASS with your token");
				current.close(CloseReason.AUTH);
				return;
			}
			this.hub.authenticate(current, this.password);
			if (current.identity() == null) {
				return; // refused: told and closed
			}
		}
		if (current.nick() == null && !claim(current, wanted)) {
			return;
		}
		this.connection.registered(current.nick());
	}

	/**
	 * Ask the hub for a nick (unique across doors and nodes), or say why not.
	 */
	private boolean claim(ClientSession current, String wanted) {
		NickChange change = this.hub.nick(current, wanted);
		for (int tries = 0; change == NickChange.TAKEN && tries < RECLAIM_TRIES; tries++) {
			// A client that reconnects at once finds the nick of its own connection that
			// just closed still held, for the moment this server takes to read that
			// connection's FIN on another thread: a short wait on this client's own
			// reader thread (a virtual thread; nothing else waits) spares it the 433.
			LockSupport.parkNanos(RECLAIM_WAIT_NANOS);
			change = this.hub.nick(current, wanted);
		}
		String me = this.connection.nickOrStar();
		switch (change) {
			case CHANGED -> {
				this.connection.nick(wanted);
				return true;
			}
			case TAKEN, UNAVAILABLE ->
				this.connection.reply("433 " + me + " " + wanted + " :Nickname is already in use");
			case INVALID, RESERVED, BANNED, GIVEN_BY_TOKEN ->
				this.connection.reply("432 " + me + " " + wanted + " :Erroneous nickname");
		}
		this.connection.nick(null);
		return false;
	}

}
