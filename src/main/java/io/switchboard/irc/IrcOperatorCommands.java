package io.switchboard.irc;

import io.switchboard.core.ClientSession;
import io.switchboard.core.CloseReason;

/**
 * The IRC operator's commands: {@code OPER} (becoming one: user mode {@code +o}),
 * {@code KILL} (disconnecting anyone, of any door) and {@code WALLOPS} (a notice to this
 * node's IRC users with user mode {@code +w}). An operator is also an operator of every
 * channel (may {@code KICK} and set modes anywhere), as a client with an admin token is.
 */
final class IrcOperatorCommands {

	private final IrcServer server;

	IrcOperatorCommands(IrcServer server) {
		this.server = server;
	}

	/**
	 * {@code OPER name password}: {@code 381} and {@code MODE +o}, or {@code 464} (a
	 * wrong password and an unknown name get the same answer), {@code 491} when there are
	 * no operators or the address has failed too often; the third failure on a connection
	 * closes it.
	 */
	void oper(IrcCall call) {
		IrcConnection connection = call.connection();
		ClientSession session = call.session();
		String me = call.me();
		IrcOperators operators = this.server.operators();
		if (session.isServerOperator()) {
			connection.reply("381 " + me + " :You are now an IRC operator");
			return;
		}
		if (!operators.any() || !operators.mayTry(session.ip())) {
			connection.reply("491 " + me + " :No appropriate operator blocks were found for your host");
			return;
		}
		if (!operators.check(session.ip(), call.message().param(0), call.message().param(1))) {
			connection.reply("464 " + me + " :Password incorrect");
			if (connection.operFailed() >= IrcOperators.FAILURES_PER_CONNECTION) {
				session.close(CloseReason.AUTH);
			}
			return;
		}
		session.serverOperator(true);
		connection.reply("381 " + me + " :You are now an IRC operator");
		connection.send(":" + connection.directory().mask(me) + " MODE " + me + " :+o");
	}

	/**
	 * {@code KILL nick [:reason]}: the client (of any door, on this node) is
	 * disconnected, its channels told {@code Killed (OPER (REASON))} as its quit;
	 * {@code 481} for anyone but an operator, {@code 401} for a nick not here.
	 */
	void kill(IrcCall call) {
		IrcConnection connection = call.connection();
		String me = call.me();
		if (!call.session().isServerOperator()) {
			connection.reply("481 " + me + " :Permission Denied- You're not an IRC operator");
			return;
		}
		String nick = call.message().param(0);
		ClientSession target = this.server.registry().findByNick(nick);
		if (target == null || target.nick() == null) {
			connection.reply("401 " + me + " " + nick + " :No such nick");
			return;
		}
		String reason = call.message().param(1).isEmpty() ? me : call.message().param(1);
		String message = "Killed (" + me + " (" + reason + "))";
		IrcConnection killed = connection.directory().find(target.nick());
		if (killed != null) {
			killed.killed(message);
		}
		this.server.hub().kill(target, message);
	}

	/**
	 * {@code WALLOPS :text}: to this node's IRC users with user mode {@code +w}, and back
	 * to the operator who sent it; {@code 481} for anyone else.
	 */
	void wallops(IrcCall call) {
		IrcConnection connection = call.connection();
		String me = call.me();
		if (!call.session().isServerOperator()) {
			connection.reply("481 " + me + " :Permission Denied- You're not an IRC operator");
			return;
		}
		String line = ":" + connection.directory().mask(me) + " WALLOPS :" + call.message().param(0);
		connection.send(line);
		for (IrcConnection user : connection.directory().users()) {
			if (user != connection && user.modes().wallops()) {
				user.send(line);
			}
		}
	}

}
