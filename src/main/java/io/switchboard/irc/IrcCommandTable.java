package io.switchboard.irc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * The IRC commands a client may send at one stage of its connection, as a table, and the
 * checks made from it once before a handler runs: the command must be one of the stage's
 * (else the stage's refusal: {@code 451} before registration, {@code 421} after), and it
 * must have its parameters ({@code 461}). A handler repeats neither.
 * <p>
 * There is a table per stage, not one with a flag, because a word means something else
 * once registered: {@code NICK} claims a first nick or changes it, {@code USER} and
 * {@code PASS} register or are refused ({@code 462}), and {@code AUTHENTICATE} (SASL)
 * exists only before.
 *
 * @param <T> what the stage's handlers work on
 */
final class IrcCommandTable<T> {

	private final Map<String, IrcCommand<T>> commands = new LinkedHashMap<>();

	private final BiFunction<String, String, String> refusal;

	/**
	 * @param refusal the reply to a command not in the table, given the client's nick (or
	 * {@code *}) and the command
	 */
	IrcCommandTable(BiFunction<String, String, String> refusal, List<IrcCommand<T>> commands) {
		this.refusal = refusal;
		commands.forEach((command) -> this.commands.put(command.name(), command));
	}

	List<IrcCommand<T>> commands() {
		return List.copyOf(this.commands.values());
	}

	/**
	 * Why a message may not run, as the numeric the client gets (without the server's
	 * prefix), or null if it may.
	 * @param me the client's nick, or {@code *}
	 */
	@Nullable String refusal(String me, IrcMessage message) {
		IrcCommand<T> command = this.commands.get(message.command());
		if (command == null) {
			return this.refusal.apply(me, message.command());
		}
		if (!command.hasEnoughParams(message)) {
			return "461 " + me + " " + command.name() + " :Not enough parameters";
		}
		return null;
	}

	/**
	 * Run a message's command on {@code target}, or tell the client why not.
	 */
	void run(T target, IrcCall call) {
		String refused = refusal(call.me(), call.message());
		if (refused != null) {
			call.connection().reply(refused);
			return;
		}
		this.commands.get(call.message().command()).handler().run(target, call);
	}

}
