package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.client.ClientSession;
import io.switchboard.client.CloseReason;
import io.switchboard.client.Event;
import io.switchboard.hub.ChatActions;
import io.switchboard.hub.NickChange;
import io.switchboard.transport.Frame;
import org.jspecify.annotations.Nullable;

/**
 * One IRC client: registration (capability negotiation, {@code PASS}, {@code NICK},
 * {@code USER}, then the welcome), then its commands ({@link IrcCommands}). Every line
 * passes the hub's gate first (flood control, as for every client). Called on the
 * connection's reader thread, one line at a time; what other threads read (nick, user
 * name, capabilities, away) is volatile.
 */
final class IrcConnection {

	/** The capabilities offered in {@code CAP LS}. */
	static final Set<String> CAPABILITIES = Set.of("server-time", "echo-message", "message-tags");

	private final IrcServer server;

	private final Set<String> capabilities = ConcurrentHashMap.newKeySet();

	private volatile IrcLines lines;

	private volatile @Nullable ClientSession session;

	private volatile @Nullable String nick;

	private volatile String username = "";

	private volatile String realname = "";

	private volatile @Nullable String away;

	private @Nullable String password;

	private boolean negotiating;

	private volatile boolean registered;

	private volatile long lastHeardNanos = System.nanoTime();

	private volatile boolean pinged;

	private volatile String quitMessage = "";

	IrcConnection(IrcServer server) {
		this.server = server;
		this.lines = server.lines(false, false);
	}

	void admitted(ClientSession session) {
		this.session = session;
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
		if (frame.unfinished()) {
			current.close(CloseReason.LINE_TIMEOUT);
			return;
		}
		byte[] bytes = frame.bytes();
		if (bytes.length == 0 || !actions().admit(current, bytes)) {
			return;
		}
		for (byte b : bytes) {
			if (b == 0 || b == '\r') {
				notice("a line with NUL or CR in it was ignored");
				return;
			}
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
			register(current, message);
		}
	}

	private void register(ClientSession current, IrcMessage message) {
		switch (message.command()) {
			case "CAP" -> cap(message);
			case "PASS" -> this.password = message.param(0);
			case "NICK" -> {
				String wanted = message.param(0);
				if (wanted.isEmpty()) {
					reply("431 " + nickOrStar() + " :No nickname given");
				}
				else if (!io.switchboard.hub.Nicks.isValid(wanted) || io.switchboard.hub.Nicks.isReserved(wanted)) {
					reply("432 " + nickOrStar() + " " + wanted + " :Erroneous nickname");
				}
				else if (actions().authRequired()) {
					this.nick = wanted; // claimed once the token is checked: it may give
										// one
					completeRegistration(current);
				}
				else if (claim(current, wanted)) {
					completeRegistration(current);
				}
			}
			case "USER" -> {
				if (message.size() < 4 || message.param(0).isEmpty()) {
					reply("461 " + nickOrStar() + " USER :Not enough parameters");
				}
				else {
					this.username = message.param(0).replaceAll("[^A-Za-z0-9_.-]", "");
					this.realname = message.param(3);
					completeRegistration(current);
				}
			}
			case "PING" -> pong(message);
			case "PONG" -> {
			}
			case "QUIT" -> quit(current, message.param(0));
			default -> reply("451 " + nickOrStar() + " :You have not registered");
		}
	}

	void cap(IrcMessage message) {
		String me = nickOrStar();
		switch (message.param(0).toUpperCase(java.util.Locale.ROOT)) {
			case "LS" -> {
				if (!this.registered) {
					this.negotiating = true;
				}
				send(this.lines
					.server("CAP " + me + " LS :" + String.join(" ", CAPABILITIES.stream().sorted().toList())));
			}
			case "LIST" -> send(this.lines.server("CAP " + me + " LIST :" + String.join(" ", this.capabilities)));
			case "REQ" -> {
				if (!this.registered) {
					this.negotiating = true;
				}
				String asked = message.param(1).strip();
				boolean known = !asked.isEmpty();
				for (String capability : asked.split(" +")) {
					known &= CAPABILITIES.contains(capability.startsWith("-") ? capability.substring(1) : capability);
				}
				if (!known) {
					send(this.lines.server("CAP " + me + " NAK :" + asked));
					return;
				}
				for (String capability : asked.split(" +")) {
					if (capability.startsWith("-")) {
						this.capabilities.remove(capability.substring(1));
					}
					else {
						this.capabilities.add(capability);
					}
				}
				this.lines = this.server.lines(has("server-time"), has("message-tags"));
				send(this.lines.server("CAP " + me + " ACK :" + asked));
			}
			case "END" -> {
				this.negotiating = false;
				ClientSession current = this.session;
				if (current != null && !this.registered) {
					completeRegistration(current);
				}
			}
			default -> reply("410 " + me + " " + message.param(0) + " :Invalid CAP command");
		}
	}

	/**
	 * Once NICK and USER are in and capability negotiation (if begun) has ended: the
	 * token (with {@code auth.mode=token}), the nick, then the welcome.
	 */
	private void completeRegistration(ClientSession current) {
		String wanted = this.nick;
		if (wanted == null || this.username.isEmpty() || this.negotiating) {
			return;
		}
		if (actions().authRequired() && current.identity() == null) {
			if (this.password == null || this.password.isEmpty()) {
				reply("464 " + wanted + " :Password required: PASS with your token");
				current.close(CloseReason.AUTH);
				return;
			}
			actions().authenticate(current, this.password);
			if (current.identity() == null) {
				return; // refused: told and closed
			}
		}
		if (current.nick() == null && !claim(current, wanted)) {
			return;
		}
		this.nick = current.nick();
		this.registered = true;
		this.server.directory().add(this.nick, this);
		this.server.welcome(this);
	}

	/**
	 * Ask the hub for a nick (unique across doors and nodes), or say why not.
	 */
	private boolean claim(ClientSession current, String wanted) {
		NickChange change = actions().nick(current, wanted);
		switch (change) {
			case CHANGED -> {
				this.nick = wanted;
				return true;
			}
			case TAKEN, UNAVAILABLE -> reply("433 " + nickOrStar() + " " + wanted + " :Nickname is already in use");
			case INVALID, RESERVED, BANNED, GIVEN_BY_TOKEN ->
				reply("432 " + nickOrStar() + " " + wanted + " :Erroneous nickname");
		}
		if (!this.registered) {
			this.nick = null;
		}
		return false;
	}

	void pong(IrcMessage message) {
		send(this.lines.server("PONG " + this.server.directory().server() + " :" + message.param(0)));
	}

	void quit(ClientSession current, String message) {
		this.quitMessage = message.isEmpty() ? "Quit" : "Quit: " + message;
		current.close(CloseReason.QUIT);
	}

	/**
	 * The client left: its nick is free for other IRC clients' prefixes.
	 */
	void ended() {
		String current = this.nick;
		if (this.registered && current != null) {
			this.server.directory().remove(current, this);
		}
	}

	/**
	 * The {@code ERROR} line an IRC client gets before the server closes its connection.
	 */
	String farewell() {
		ClientSession current = this.session;
		CloseReason reason = (current != null) ? current.closeReason() : null;
		String why = switch ((reason != null) ? reason : CloseReason.EOF) {
			case QUIT -> this.quitMessage;
			case IDLE -> "Ping timeout";
			case SHUTDOWN -> "Server shutting down";
			case FLOOD -> "Excess flood";
			case SLOW_CONSUMER -> "SendQ exceeded";
			case TOO_LONG -> "Input line was too long";
			case AUTH -> "Bad password";
			case OPERATOR -> "Disconnected by an operator";
			default -> reason.tag();
		};
		return "ERROR :Closing link: " + this.server.directory().server() + " (" + why + ")";
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

	boolean has(String capability) {
		return this.capabilities.contains(capability);
	}

	IrcLines lines() {
		return this.lines;
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

	String realname() {
		return this.realname;
	}

	@Nullable String away() {
		return this.away;
	}

	void away(@Nullable String message) {
		this.away = message;
	}

	private ChatActions actions() {
		return this.server.actions();
	}

	/** A numeric or reply from the server: {@code :server TEXT}. */
	void reply(String text) {
		send(this.lines.server(text));
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

	void send(Event event) {
		ClientSession current = this.session;
		if (current != null) {
			current.send(event);
		}
	}

}
