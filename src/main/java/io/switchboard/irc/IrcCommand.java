package io.switchboard.irc;

import java.util.List;

/**
 * One IRC command, as data: what {@link IrcCommandTable} checks before it runs, and what
 * it does.
 *
 * @param <T> what its handler works on: the commands of a registered client, or one
 * client's registration
 * @param name its word, upper case
 * @param minParams the fewest parameters it needs; with fewer the client gets
 * {@code 461 ERR_NEEDMOREPARAMS} and the handler does not run
 * @param filledParams those of the needed parameters that count as missing when empty
 * ({@code JOIN :} names no channel, while {@code USERHOST :} asks about no one)
 * @param handler what it does
 */
record IrcCommand<T>(String name, int minParams, List<Integer> filledParams, Handler<T> handler) {

	/**
	 * A command that needs no parameters, or checks its own (their absence answered with
	 * a numeric of its own, such as {@code 431} or {@code 411}).
	 */
	static <T> IrcCommand<T> of(String name, Handler<T> handler) {
		return new IrcCommand<>(name, 0, List.of(), handler);
	}

	/**
	 * A command that is answered with nothing: {@code PONG}, whose line alone showed the
	 * client alive.
	 */
	static <T> IrcCommand<T> ignored(String name) {
		return of(name, (target, call) -> {
		});
	}

	/**
	 * A command that needs {@code minParams} parameters, those at {@code filled} not
	 * empty.
	 */
	static <T> IrcCommand<T> needing(String name, int minParams, List<Integer> filled, Handler<T> handler) {
		return new IrcCommand<>(name, minParams, filled, handler);
	}

	boolean hasEnoughParams(IrcMessage message) {
		return message.size() >= this.minParams
				&& this.filledParams.stream().noneMatch((index) -> message.param(index).isEmpty());
	}

	/**
	 * What a command does once the table's checks have passed.
	 */
	@FunctionalInterface
	interface Handler<T> {

		void run(T target, IrcCall call);

	}

}
