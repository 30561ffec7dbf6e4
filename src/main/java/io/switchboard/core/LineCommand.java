package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One command of the line protocol, as data: what {@link LineCommands} checks before it
 * runs, and how {@code /help} shows it.
 *
 * @param name its word, with its slash
 * @param aliases other words for it: a slash word ({@code /w}), or a bare word that is
 * the command only as the whole line ({@code quit}; {@code quit now} is chat)
 * @param minArgs the fewest words that must follow it; with fewer the client gets
 * {@code usage} and the handler does not run
 * @param usage the error for too few words
 * @param allowedBeforeSignIn whether a client that has not shown its token yet
 * ({@code switchboard.auth.mode=token}) may use it, as its word alone
 * @param help how {@code /help} shows it
 * @param audience who may use it, as {@code /help} says before it; empty for everyone
 * @param handler what it does
 */
record LineCommand(String name, List<String> aliases, int minArgs, String usage, boolean allowedBeforeSignIn,
		String help, String audience, Handler handler) {

	/**
	 * A command anyone signed in may use, with no arguments required.
	 */
	static LineCommand of(String name, String help, Handler handler) {
		return new LineCommand(name, List.of(), 0, "", false, help, "", handler);
	}

	LineCommand alias(String alias) {
		List<String> aliases = new ArrayList<>(this.aliases);
		aliases.add(alias);
		return new LineCommand(this.name, List.copyOf(aliases), this.minArgs, this.usage, this.allowedBeforeSignIn,
				this.help, this.audience, this.handler);
	}

	LineCommand needs(int minArgs, String usage) {
		return new LineCommand(this.name, this.aliases, minArgs, usage, this.allowedBeforeSignIn, this.help,
				this.audience, this.handler);
	}

	LineCommand beforeSignIn() {
		return new LineCommand(this.name, this.aliases, this.minArgs, this.usage, true, this.help, this.audience,
				this.handler);
	}

	LineCommand onlyFor(String audience) {
		return new LineCommand(this.name, this.aliases, this.minArgs, this.usage, this.allowedBeforeSignIn, this.help,
				audience, this.handler);
	}

	/**
	 * What a command does once the table's checks have passed.
	 */
	@FunctionalInterface
	interface Handler {

		/**
		 * @return the reply, for the caller only, or null for none
		 */
		@Nullable Event run(LineCall call);

	}

}
