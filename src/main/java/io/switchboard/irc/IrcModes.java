package io.switchboard.irc;

/**
 * {@code MODE}: a user's own modes ({@link IrcUserModes}, {@code 221}) and channel modes.
 */
final class IrcModes {

	private final IrcServer server;

	IrcModes(IrcServer server) {
		this.server = server;
	}

	void mode(IrcCall call) {
		String target = call.message().param(0);
		if (target.startsWith("#")) {
			channel(call, target);
		}
		else {
			user(call, target);
		}
	}

	/**
	 * {@code MODE nick [changes]}: only one's own ({@code 502} for another's, {@code 401}
	 * for a nick not here); {@code 221} for a query, a {@code MODE} line of what changed,
	 * {@code 501} if a flag was unknown (the known ones still apply).
	 */
	private void user(IrcCall call, String target) {
		IrcConnection connection = call.connection();
		String me = call.me();
		if (!target.equalsIgnoreCase(me)) {
			connection.reply((this.server.registry().findByNick(target) != null)
					? "502 " + me + " :Can't change mode for other users"
					: "401 " + me + " " + target + " :No such nick");
			return;
		}
		IrcUserModes modes = connection.modes();
		if (call.message().size() < 2) {
			connection.reply("221 " + me + " " + modes.shown(connection.isOperator()));
			return;
		}
		IrcUserModes.Change change = modes.apply(call.message().param(1), connection.isOperator());
		if (change.dropsOperator()) {
			call.session().serverOperator(false);
		}
		if (!change.applied().isEmpty()) {
			connection.send(":" + connection.directory().mask(me) + " MODE " + me + " :" + change.applied());
		}
		if (change.unknown()) {
			connection.reply("501 " + me + " :Unknown MODE flag");
		}
	}

	private void channel(IrcCall call, String target) {
		IrcConnection connection = call.connection();
		IrcMessage message = call.message();
		String me = call.me();
		String room = IrcCommands.room(target);
		if (room == null) {
			connection.reply("403 " + me + " " + target + " :No such channel");
		}
		else if (message.size() < 2) {
			connection.reply("324 " + me + " #" + room + (this.server.hub().readOnly(room) ? " +mnt" : " +n"));
		}
		else if (message.param(1).equals("b") || message.param(1).equals("+b")) {
			connection.reply("368 " + me + " #" + room + " :End of channel ban list");
		}
		else {
			connection.reply("482 " + me + " #" + room + " :You're not channel operator");
		}
	}

}
