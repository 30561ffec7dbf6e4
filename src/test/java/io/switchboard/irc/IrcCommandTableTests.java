package io.switchboard.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IRC command tables and the checks made from them before a handler runs, without a
 * server or sockets: a command with too few parameters gets {@code 461}, one the stage
 * does not know its stage's refusal.
 */
class IrcCommandTableTests {

	@Test
	void everyCommandWithTooFewParametersGets461() {
		for (IrcCommandTable<?> table : List.of(IrcCommands.TABLE, IrcRegistration.TABLE)) {
			for (IrcCommand<?> command : table.commands()) {
				for (int count = 0; count < command.minParams(); count++) {
					IrcMessage fewer = new IrcMessage(command.name(), Collections.nCopies(count, "x"));
					assertThat(table.refusal("bob", fewer)).as(fewer.toString())
						.isEqualTo("461 bob " + command.name() + " :Not enough parameters");
				}
			}
		}
	}

	@Test
	void aNeededParameterThatMustBeFilledCountsAsMissingWhenEmpty() {
		for (IrcCommandTable<?> table : List.of(IrcCommands.TABLE, IrcRegistration.TABLE)) {
			for (IrcCommand<?> command : table.commands()) {
				for (int index : command.filledParams()) {
					List<String> params = new ArrayList<>(Collections.nCopies(command.minParams(), "x"));
					params.set(index, "");
					IrcMessage empty = new IrcMessage(command.name(), params);
					assertThat(table.refusal("*", empty)).as(empty.toString())
						.isEqualTo("461 * " + command.name() + " :Not enough parameters");
				}
			}
		}
		assertThat(IrcCommands.TABLE.refusal("bob", new IrcMessage("USERHOST", List.of(""))))
			.as("an empty USERHOST asks about no one")
			.isNull();
	}

	@Test
	void everyCommandWithItsParametersPassesTheChecks() {
		for (IrcCommandTable<?> table : List.of(IrcCommands.TABLE, IrcRegistration.TABLE)) {
			for (IrcCommand<?> command : table.commands()) {
				IrcMessage enough = new IrcMessage(command.name(), Collections.nCopies(command.minParams(), "x"));
				assertThat(table.refusal("bob", enough)).as(enough.toString()).isNull();
			}
		}
	}

	@Test
	void theParametersTheProtocolNeedsAreCountedByTheTable() {
		assertThat(IrcCommands.TABLE.commands()).filteredOn((command) -> command.minParams() > 0)
			.extracting(IrcCommand::name)
			.containsExactly("TAGMSG", "JOIN", "PART", "TOPIC", "KICK", "INVITE", "MODE", "OPER", "KILL", "WALLOPS",
					"USERHOST", "PING");
		assertThat(IrcRegistration.TABLE.commands()).filteredOn((command) -> command.minParams() > 0)
			.extracting(IrcCommand::name)
			.containsExactly("USER", "PING");
	}

	@Test
	void beforeRegistrationOnlyRegistrationCommandsPassAndAnythingElseGets451() {
		assertThat(IrcRegistration.TABLE.commands()).extracting(IrcCommand::name)
			.containsExactly("CAP", "PASS", "AUTHENTICATE", "NICK", "USER", "PING", "PONG", "QUIT");
		for (String command : List.of("JOIN", "PRIVMSG", "LIST", "FROB")) {
			assertThat(IrcRegistration.TABLE.refusal("*", new IrcMessage(command, List.of("#lobby", "hi"))))
				.isEqualTo("451 * :You have not registered");
		}
	}

	@Test
	void onceRegisteredAnUnknownCommandGets421AndSaslIsOver() {
		assertThat(IrcCommands.TABLE.refusal("bob", new IrcMessage("FROB", List.of())))
			.isEqualTo("421 bob FROB :Unknown command");
		assertThat(IrcCommands.TABLE.refusal("bob", new IrcMessage("AUTHENTICATE", List.of("PLAIN"))))
			.isEqualTo("421 bob AUTHENTICATE :Unknown command");
	}

}
