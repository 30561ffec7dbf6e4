package io.switchboard.irc;

import java.nio.charset.StandardCharsets;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;
import io.switchboard.core.Event;
import io.switchboard.core.Frame;
import io.switchboard.core.NickChange;
import io.switchboard.core.OutboundLine;
import org.jspecify.annotations.Nullable;

/**
 * One IRC client: registration (capability negotiation, {@code PASS}, {@code NICK},
 * {@code USER}, then the welcome), then its commands ({@link IrcCommands}). Every line
 * passes the hub's gate first (flood control, as for every client). Called on the
 * connection's reader thread, one line at a time; what other threads read (nick, user
 * name, capabilities, away) is volatile.
 */
final class IrcConnection {

	private final IrcServer server;

	private final IrcCapabilities caps;

	private final IrcRegistration registration;

	private volatile @Nullable ClientSession session;

	private volatile @Nullable String nick;

	private volatile String username = "";

	private volatile String realname = "";

	private volatile @Nullable String away;

	private volatile boolean registered;

	private volatile long lastHeardNanos = System.nanoTime();

	private volatile boolean pinged;

	private final IrcDepartures departures = new IrcDepartures();

	private final IrcFarewell farewell = new IrcFarewell();

	private final IrcConversations conversations = new IrcConversations();

	IrcConnection(IrcServer server) {
		this.server = server;
		this.caps = new IrcCapabilities(server);
		this.registration = new IrcRegistration(this, server.hub());
	}

	void admitted(ClientSession session) {
		this.session = session;
		this.server.registering(this, true);
	}

	/** Whether the connection is admitted and not closing. */
	boolean isOpen() {
		ClientSession current = this.session;
		return current != null && !current.isClosing();
	}

	/**
	 * One framed line from the client.
	 */
	void frame(Frame frame, long receivedNanos) {
		ClientSession current = this.session;
		if (current == null || current.isClosing()) {
			return;
		}
		this.lastHeardNanos = System.nanoTime();
		this.pinged = false;
		if (frame.tooLong()) {
			reply("417 " + nickOrStar() + " :Input line was too long");
			current.close(CloseReason.TOO_LONG);
			return;
		}
		byte[] bytes = frame.bytes();
		if (bytes.length == 0 || !hub().admit(current, bytes)) {
			return;
		}
		for (byte b : bytes) {
			if (b == 0 || b == '\r') {
				notice("a line with NUL or CR in it was ignored");
				return;
			}
		}
		if (!IrcMessage.isUtf8(bytes)) {
			// UTF8ONLY: refused whole, as the IRCv3 utf8-only spec gives it, never
			// mangled into replacement characters for everyone else.
			String command = IrcMessage.command(bytes);
			reply("FAIL " + (command.isEmpty() ? "*" : command) + " INVALID_UTF8 :Message rejected, your IRC software"
					+ " MUST use UTF-8");
			return;
		}
		IrcMessage message;
		try {
			message = IrcMessage.parse(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (IrcMessage.TooLong ex) {
			reply("417 " + nickOrStar() + " :Input line was too long");
			return;
		}
		if (message == null) {
			return;
		}
		if (this.registered) {
			this.server.commands().run(this, current, message, receivedNanos);
		}
		else {
			this.registration.handle(current, message);
		}
	}

	void cap(IrcMessage message) {
		if (this.caps.negotiate(this, message, this.registered) && !this.registered) {
			ClientSession current = this.session;
			if (current != null) {
				this.registration.complete(current);
			}
		}
	}

	boolean negotiating() {
		return this.caps.negotiating();
	}

	/**
	 * Registered as {@code nick}: it is known to other IRC clients' prefixes, and
	 * welcomed.
	 */
	void registered(String nick) {
		this.nick = nick;
		this.registered = true;
		this.server.registering(this, false);
		this.server.directory().add(nick, this);
		this.server.welcome(this);
		if (isOperator()) {
			// An admin token: an operator from the start, as if it had sent OPER.
			send(":" + this.server.directory().mask(nick) + " MODE " + nick + " :+o");
		}
	}

	void nick(@Nullable String nick) {
		this.nick = nick;
	}

	@Nullable String nick() {
		return this.nick;
	}

	boolean isRegistered() {
		return this.registered;
	}

	void user(String username, String realname) {
		this.username = username;
		this.realname = realname;
	}

	void pong(IrcMessage message) {
		if (message.size() == 0) {
			reply("461 " + nickOrStar() + " PING :Not enough parameters");
			return;
		}
		send(lines().server("PONG " + this.server.directory().server() + " :" + message.param(0)));
	}

	void quit(ClientSession current, String message) {
		this.server.hub().quit(current, this.farewell.quit(message));
	}

	/**
	 * The client left: its nick is free for other IRC clients' prefixes.
	 */
	void ended() {
		this.server.registering(this, false);
		String current = this.nick;
		if (this.registered && current != null) {
			this.server.directory().remove(current, this);
		}
	}

	/**
	 * Whether a failure the client is told ends its connection (see
	 * {@link IrcFarewell#ends}).
	 */
	boolean ending(String failure) {
		return this.farewell.ends(failure, this.session != null);
	}

	/**
	 * The {@code ERROR} line an IRC client gets before the server closes its connection.
	 */
	String farewell() {
		ClientSession current = this.session;
		CloseReason reason = (current != null) ? current.closeReason() : null;
		return "ERROR :Closing link: " + this.server.directory().server() + " (" + this.farewell.why(reason) + ")";
	}

	/**
	 * Called periodically: ping a client silent for the ping interval, close it if it
	 * still says nothing for the ping timeout, and close one that has not registered in
	 * time.
	 */
	void check(long now, long connectedNanos, IrcProperties properties) {
		ClientSession current = this.session;
		if (current == null || current.isClosing()) {
			return;
		}
		if (!this.registered) {
			if (now - connectedNanos > properties.registrationTimeout().toNanos()) {
				current.close(CloseReason.REGISTRATION_TIMEOUT);
			}
			return;
		}
		long silent = now - this.lastHeardNanos;
		if (this.pinged && silent > properties.pingInterval().plus(properties.pingTimeout()).toNanos()) {
			current.close(CloseReason.IDLE);
		}
		else if (!this.pinged && silent > properties.pingInterval().toNanos()) {
			this.pinged = true;
			send("PING :" + this.server.directory().server());
		}
	}

	void renamed(String newNick) {
		String old = this.nick;
		if (old != null) {
			this.server.directory().remove(old, this);
		}
		this.nick = newNick;
		this.server.directory().add(newNick, this);
	}

	/** {@code 333} for a room's topic ({@link IrcServer#topicWhoTime}). */
	@Nullable String whoSetTopic(String me, String room) {
		return this.server.topicWhoTime(me, room);
	}

	IrcConversations conversations() {
		return this.conversations;
	}

	IrcDepartures departures() {
		return this.departures;
	}

	boolean has(String capability) {
		return this.caps.has(capability);
	}

	IrcLines lines() {
		return this.caps.lines();
	}

	IrcDirectory directory() {
		return this.server.directory();
	}

	String nickOrStar() {
		String current = this.nick;
		return (current != null && this.registered) ? current : "*";
	}

	String username() {
		return this.username.isEmpty() ? "user" : this.username;
	}

	boolean hasUser() {
		return !this.username.isEmpty();
	}

	String realname() {
		return this.realname;
	}

	private final IrcUserModes modes = new IrcUserModes();

	/** Failed {@code OPER}s; read and written on the reader only. */
	private int operFailures;

	IrcUserModes modes() {
		return this.modes;
	}

	/**
	 * Count a failed {@code OPER}.
	 * @return the failures so far
	 */
	int operFailed() {
		return ++this.operFailures;
	}

	/**
	 * An operator's {@code KILL}: the {@code ERROR} line gives its message.
	 */
	void killed(String message) {
		this.farewell.killed(message);
	}

	/**
	 * Whether the client is an IRC operator ({@code OPER}, or an admin token).
	 */
	boolean isOperator() {
		ClientSession current = this.session;
		return current != null && current.isServerOperator();
	}

	@Nullable String away() {
		return this.away;
	}

	void away(@Nullable String message) {
		this.away = message;
	}

	ChatHub hub() {
		return this.server.hub();
	}

	/** A numeric or reply from the server: {@code :server TEXT}. */
	void reply(String text) {
		send(lines().server(text));
	}

	void notice(String text) {
		reply("NOTICE " + nickOrStar() + " :" + text);
	}

	void send(String line) {
		ClientSession current = this.session;
		if (current != null) {
			current.deliver(IrcLines.reply(line));
		}
	}

	/** A line rendered once for many clients ({@code TAGMSG}). */
	void send(OutboundLine line) {
		ClientSession current = this.session;
		if (current != null) {
			current.deliver(line);
		}
	}

	void send(Event event) {
		ClientSession current = this.session;
		if (current != null) {
			current.send(event);
		}
	}

}
