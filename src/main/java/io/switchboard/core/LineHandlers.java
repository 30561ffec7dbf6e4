package io.switchboard.core;

import org.jspecify.annotations.Nullable;

/**
 * What the line protocol's commands do, one method each, for {@link LineCommands}' table;
 * each returns the reply for the caller only (information or an error), or null for none.
 * They run only once the table's checks have passed: the command exists, has its fewest
 * arguments, and the client may use it yet.
 */
interface LineHandlers {

	@Nullable Event nick(LineCall call);

	@Nullable Event join(LineCall call);

	@Nullable Event rooms(LineCall call);

	@Nullable Event who(LineCall call);

	@Nullable Event part(LineCall call);

	@Nullable Event privateMessage(LineCall call);

	@Nullable Event action(LineCall call);

	@Nullable Event history(LineCall call);

	@Nullable Event topic(LineCall call);

	@Nullable Event quit(LineCall call);

	@Nullable Event kick(LineCall call);

	@Nullable Event ban(LineCall call);

}
