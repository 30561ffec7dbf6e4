package io.switchboard.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The line protocol's commands as a table, in the order {@code /help} lists them, and the
 * checks every line passes before a command runs, made here once from the table: a client
 * that has not shown its token may use only what the table allows before sign-in; a line
 * must be about a room its sender is in; the command must exist; it must have its fewest
 * arguments. A handler ({@link LineHandlers}) repeats none of these.
 * <p>
 * {@code /auth} is not in the table: it is the sign-in itself, which {@link AuthGate}
 * handles before any of these checks, at any time, in any room or none; and {@code /help}
 * has never listed it (a client that needs it is told when it connects).
 */
final class LineCommands {

	static final Event SIGN_IN_FIRST = Event.failure("authenticate first: /auth TOKEN");

	private static final Event PONG = Event.info("pong");

	private final List<LineCommand> table;

	private final Map<String, LineCommand> byWord = new HashMap<>();

	private final Event help;

	LineCommands(LineHandlers handlers) {
		this.table = List.of(LineCommand.of("/nick", "/nick NAME", handlers::nick),
				LineCommand.of("/join", "/join ROOM", handlers::join).needs(1, ChatCommands.JOIN_USAGE),
				LineCommand.of("/rooms", "/rooms", handlers::rooms), LineCommand.of("/who", "/who", handlers::who),
				LineCommand.of("/part", "/part ROOM", handlers::part),
				LineCommand.of("/msg", "/msg NICK TEXT", handlers::privateMessage)
					.alias("/w")
					.needs(2, PrivateMessages.USAGE_TEXT),
				LineCommand.of("/me", "/me ACTION", handlers::action).needs(1, "usage: /me ACTION"),
				LineCommand.of("/history", "/history [N]", handlers::history),
				LineCommand.of("/topic", "/topic [TEXT]", handlers::topic),
				LineCommand.of("/ping", "/ping", (call) -> PONG).beforeSignIn(),
				LineCommand.of("/help", "/help", (call) -> help()).beforeSignIn(),
				LineCommand.of("/quit", "/quit (or quit)", handlers::quit).alias("quit").beforeSignIn(),
				LineCommand.of("/kick", "/kick NICK [REASON]", handlers::kick)
					.onlyFor("in a room you made or with an admin token"),
				LineCommand.of("/ban", "/ban NICK [DURATION [REASON]]", handlers::ban).onlyFor("with an admin token"));
		for (LineCommand command : this.table) {
			this.byWord.put(command.name(), command);
			command.aliases().forEach((alias) -> this.byWord.put(alias, command));
		}
		this.help = Event.info(helpText(this.table));
	}

	List<LineCommand> table() {
		return this.table;
	}

	/**
	 * {@code /help}'s reply: every command with its usage, in the table's order; those
	 * for everyone first, separated by commas, then each of those for fewer after a
	 * semicolon, with whom it is for.
	 */
	Event help() {
		return this.help;
	}

	/**
	 * Whether a line is a command (known or not) rather than chat: it starts with a
	 * slash, or it is a bare alias alone ({@code quit}).
	 */
	boolean isCommand(LineCall call) {
		return call.line().startsWith("/") || find(call) != null;
	}

	/**
	 * The command a line calls, or null if none does (chat, or an unknown command).
	 */
	@Nullable LineCommand find(LineCall call) {
		LineCommand command = this.byWord.get(call.word());
		if (command == null || (!call.line().startsWith("/") && !call.alone())) {
			return null;
		}
		return command;
	}

	/**
	 * Why a line, command or chat, goes no further, or null if it may.
	 * @param signedIn whether the client has shown its token, or need not
	 * @param inRoom whether it is in the room the line is about
	 */
	@Nullable Event refusal(LineCall call, boolean signedIn, boolean inRoom) {
		if (!signedIn) {
			LineCommand command = find(call);
			// Before sign-in nothing after a command's word is read: "/ping" works,
			// "/ping x" does not, as the whole lines allowed always were.
			if (command == null || !command.allowedBeforeSignIn() || !call.alone()) {
				return SIGN_IN_FIRST;
			}
		}
		if (!inRoom) {
			return notInRoom(call.room());
		}
		return null;
	}

	/**
	 * Run a command line that passed {@link #refusal}: unknown, too few arguments, or its
	 * handler's reply.
	 * @return the reply, for the caller only, or null for none
	 */
	@Nullable Event run(LineCall call) {
		LineCommand command = find(call);
		if (command == null) {
			return unknown(call.word());
		}
		if (!call.hasArguments(command.minArgs())) {
			return Event.failure(command.usage());
		}
		return command.handler().run(call);
	}

	static Event unknown(String word) {
		return Event.failure("unknown command " + ChatCommands.echoed(word) + " (try /help)");
	}

	static Event notInRoom(String room) {
		return Event.failure("you are not in room " + ChatCommands.echoed(room) + " (/join it first)");
	}

	private static String helpText(List<LineCommand> table) {
		StringBuilder text = new StringBuilder("commands: ");
		for (LineCommand command : table) {
			if (!command.audience().isEmpty()) {
				text.append("; ").append(command.audience()).append(' ');
			}
			else if (command != table.getFirst()) {
				text.append(", ");
			}
			text.append(command.help());
		}
		return text.toString();
	}

}
