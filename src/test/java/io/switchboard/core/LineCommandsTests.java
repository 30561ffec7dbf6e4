package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line protocol's command table and the checks made from it before a handler runs,
 * with handlers that only record that they ran: no hub, no sockets.
 */
class LineCommandsTests {

	private final RecordingHandlers handlers = new RecordingHandlers();

	private final LineCommands commands = new LineCommands(this.handlers);

	@Test
	void helpListsEveryCommandOfTheTableInTheTablesOrder() {
		String help = ((Event.Info) this.commands.help()).text();
		int previous = -1;
		for (LineCommand command : this.commands.table()) {
			int at = help.indexOf(command.help());
			assertThat(at).as(command.name()).isGreaterThan(previous);
			previous = at;
		}
	}

	@Test
	void helpIsTheLineItHasAlwaysBeen() {
		assertThat(this.commands.run(call("/help"))).isEqualTo(Event.info(
				"commands: /nick NAME, /join ROOM, /rooms, /who, /part ROOM, /msg NICK TEXT, /me ACTION, /history [N], /topic [TEXT], /ping, /help, /quit (or quit); in a room you made or with an admin token /kick NICK [REASON]; with an admin token /ban NICK [DURATION [REASON]]"));
	}

	@Test
	void anAliasRunsTheSameHandlerAsTheCommandsName() {
		this.commands.run(call("/msg bob hi"));
		this.commands.run(call("/w bob hi"));
		this.commands.run(call("/quit"));
		this.commands.run(call("quit"));
		assertThat(this.handlers.ran).containsExactly("privateMessage", "privateMessage", "quit", "quit");
	}

	@Test
	void aCommandWithTooFewArgumentsGetsItsUsageAndItsHandlerDoesNotRun() {
		List<LineCommand> needing = this.commands.table().stream().filter((command) -> command.minArgs() > 0).toList();
		assertThat(needing).extracting(LineCommand::name).contains("/join", "/msg");
		for (LineCommand command : needing) {
			String line = command.name() + " word".repeat(command.minArgs() - 1);
			assertThat(this.commands.run(call(line))).as(line).isEqualTo(Event.failure(command.usage()));
		}
		assertThat(this.commands.run(call("/msg bob \t"))).as("a blank word is none")
			.isEqualTo(Event.failure("usage: /msg NICK TEXT"));
		assertThat(this.handlers.ran).isEmpty();
		assertThat(this.commands.run(call("/msg bob  hi"))).isEqualTo(Event.info("privateMessage"));
	}

	@Test
	void beforeSignInOnlyTheCommandsAllowedThenPassAndOnlyAsTheirWordAlone() {
		for (LineCommand command : this.commands.table()) {
			assertThat(this.commands.refusal(call(command.name()), false, true)).as(command.name())
				.isEqualTo(command.allowedBeforeSignIn() ? null : LineCommands.SIGN_IN_FIRST);
		}
		assertThat(this.commands.table().stream().filter(LineCommand::allowedBeforeSignIn))
			.extracting(LineCommand::name)
			.containsExactly("/ping", "/help", "/quit");
		assertThat(this.commands.refusal(call("quit"), false, true)).isNull();
		assertThat(this.commands.refusal(call("/ping x"), false, true)).isEqualTo(LineCommands.SIGN_IN_FIRST);
		assertThat(this.commands.refusal(call("/ping "), false, true)).isEqualTo(LineCommands.SIGN_IN_FIRST);
		assertThat(this.commands.refusal(call("hello"), false, true)).isEqualTo(LineCommands.SIGN_IN_FIRST);
		assertThat(this.commands.refusal(call("/who"), true, true)).isNull();
	}

	@Test
	void aLineAboutARoomItsSenderIsNotInIsRefusedOnceSignedIn() {
		assertThat(this.commands.refusal(call("/who"), true, false))
			.isEqualTo(Event.failure("you are not in room lobby (/join it first)"));
		assertThat(this.commands.refusal(call("/who"), false, false)).isEqualTo(LineCommands.SIGN_IN_FIRST);
	}

	@Test
	void anUnknownCommandIsToldSoAndABareWordIsACommandOnlyAsAnAliasAlone() {
		assertThat(this.commands.run(call("/frobnicate now")))
			.isEqualTo(Event.failure("unknown command /frobnicate (try /help)"));
		assertThat(this.commands.isCommand(call("/frobnicate"))).isTrue();
		assertThat(this.commands.isCommand(call("quit"))).isTrue();
		assertThat(this.commands.isCommand(call("quit now"))).isFalse();
		assertThat(this.commands.isCommand(call("hello"))).isFalse();
		assertThat(this.handlers.ran).isEmpty();
	}

	@Test
	void everyCommandRunsItsOwnHandler() {
		for (LineCommand command : this.commands.table()) {
			this.commands.run(call(command.name() + " word".repeat(command.minArgs())));
		}
		assertThat(this.handlers.ran).containsExactly("nick", "join", "rooms", "who", "part", "privateMessage",
				"action", "history", "topic", "quit", "kick", "ban");
	}

	/** A line with no session: these handlers never use one. */
	private static LineCall call(String line) {
		return LineCall.of(null, line, "lobby", 0);
	}

	/**
	 * Handlers that answer with their own name, and remember that they ran.
	 */
	private static final class RecordingHandlers implements LineHandlers {

		final List<String> ran = new ArrayList<>();

		private Event ran(String name) {
			this.ran.add(name);
			return Event.info(name);
		}

		@Override
		public @Nullable Event nick(LineCall call) {
			return ran("nick");
		}

		@Override
		public @Nullable Event join(LineCall call) {
			return ran("join");
		}

		@Override
		public @Nullable Event rooms(LineCall call) {
			return ran("rooms");
		}

		@Override
		public @Nullable Event who(LineCall call) {
			return ran("who");
		}

		@Override
		public @Nullable Event part(LineCall call) {
			return ran("part");
		}

		@Override
		public @Nullable Event privateMessage(LineCall call) {
			return ran("privateMessage");
		}

		@Override
		public @Nullable Event action(LineCall call) {
			return ran("action");
		}

		@Override
		public @Nullable Event history(LineCall call) {
			return ran("history");
		}

		@Override
		public @Nullable Event topic(LineCall call) {
			return ran("topic");
		}

		@Override
		public @Nullable Event quit(LineCall call) {
			return ran("quit");
		}

		@Override
		public @Nullable Event kick(LineCall call) {
			return ran("kick");
		}

		@Override
		public @Nullable Event ban(LineCall call) {
			return ran("ban");
		}

	}

}
