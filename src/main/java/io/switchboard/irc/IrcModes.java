package io.switchboard.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientSession;
import io.switchboard.core.RoomModes;
import org.jspecify.annotations.Nullable;

/**
 * {@code MODE}: a user's own modes ({@link IrcUserModes}, {@code 221}) and channel modes.
 */
final class IrcModes {

	/** {@code MODES=}: the most changes with a parameter one {@code MODE} applies. */
	static final int MAX_CHANGES = 4;

	/** {@code KEYLEN=}: the longest key, in bytes. */
	static final int KEY_LENGTH = 23;

	/** The longest ban mask kept, in characters. */
	static final int MASK_LENGTH = 100;

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

	/**
	 * {@code MODE #channel [changes [params]]}: {@code 324} and {@code 329} for a query,
	 * the ban list ({@code 367}, {@code 368}) for {@code +b} without a mask; changes by
	 * the channel's operators (and server operators) only ({@code 482}), applied and
	 * shown to the channel's IRC members as one {@code MODE} line. A flag this server
	 * does not have gets {@code 472}; {@code +o}/{@code +v} of a nick not on the channel
	 * {@code 441} ({@code 401} if no one has it); a key with a space or longer than
	 * {@value #KEY_LENGTH} bytes {@code 696}.
	 */
	private void channel(IrcCall call, String target) {
		IrcConnection connection = call.connection();
		IrcMessage message = call.message();
		ClientSession session = call.session();
		String me = call.me();
		String room = IrcCommands.room(target);
		if (room == null || this.server.hub().created(room) == 0) {
			connection.reply("403 " + me + " " + target + " :No such channel");
			return;
		}
		ChatHub hub = this.server.hub();
		if (message.size() < 2) {
			RoomModes modes = hub.modes(room);
			boolean member = session.membership().contains(room);
			String params = ((modes.key() != null) ? " " + (member ? modes.key() : "*") : "")
					+ ((modes.limit() > 0) ? " " + modes.limit() : "");
			connection.reply("324 " + me + " #" + room + " " + modes.flags(hub.readOnly(room)) + params);
			connection.reply("329 " + me + " #" + room + " " + hub.created(room));
			return;
		}
		String changes = message.param(1);
		if (changes.replace("+", "").replace("-", "").equals("b") && message.size() < 3) {
			for (RoomModes.Mask ban : hub.modes(room).bans()) {
				connection.reply("367 " + me + " #" + room + " " + ban.mask() + " " + ban.by() + " " + ban.at());
			}
			connection.reply("368 " + me + " #" + room + " :End of channel ban list");
			return;
		}
		if (!hub.isOperator(session, room)) {
			connection.reply("482 " + me + " #" + room + " :You're not channel operator");
			return;
		}
		List<String> params = message.params().subList(2, message.size());
		Applied applied = new Applied();
		int next = 0;
		int withParams = 0;
		boolean adding = true;
		for (char flag : changes.toCharArray()) {
			if (flag == '+' || flag == '-') {
				adding = flag == '+';
				continue;
			}
			String param = null;
			if ("ovb".indexOf(flag) >= 0 || (flag == 'k' && adding) || (flag == 'l' && adding)) {
				if (next >= params.size()) {
					if (flag != 'b') {
						connection.reply("461 " + me + " MODE :Not enough parameters");
					}
					continue;
				}
				param = params.get(next++);
			}
			else if (flag == 'k' && next < params.size()) {
				next++; // -k takes the key, and ignores it
			}
			if (param != null && ++withParams > MAX_CHANGES) {
				break;
			}
			change(connection, session, me, room, flag, adding, param, applied);
		}
		if (!applied.isEmpty()) {
			String line = ":" + connection.directory().mask(me) + " MODE #" + room + " " + applied;
			for (String member : hub.members(room)) {
				IrcConnection user = connection.directory().find(IrcNicks.of(member));
				if (user != null) {
					user.send(line);
				}
			}
		}
	}

	private void change(IrcConnection connection, ClientSession session, String me, String room, char flag,
			boolean adding, @Nullable String param, Applied applied) {
		ChatHub hub = this.server.hub();
		switch (flag) {
			case 'n' -> applied.add(adding, flag, null, hub.modes(room).noOutside() != adding
					&& hub.changeModes(room, (modes) -> modes.withNoOutside(adding)));
			case 't' -> applied.add(adding, flag, null, hub.modes(room).topicLocked() != adding
					&& hub.changeModes(room, (modes) -> modes.withTopicLocked(adding)));
			case 'm' -> applied.add(adding, flag, null, hub.modes(room).moderated() != adding
					&& hub.changeModes(room, (modes) -> modes.withModerated(adding)));
			case 's' -> applied.add(adding, flag, null,
					hub.modes(room).secret() != adding && hub.changeModes(room, (modes) -> modes.withSecret(adding)));
			case 'i' -> applied.add(adding, flag, null, hub.modes(room).inviteOnly() != adding
					&& hub.changeModes(room, (modes) -> modes.withInviteOnly(adding)));
			case 'k' -> {
				if (!adding) {
					applied.add(false, flag, "*",
							hub.modes(room).key() != null && hub.changeModes(room, (modes) -> modes.withKey(null)));
				}
				else if (param == null || param.isEmpty() || param.indexOf(' ') >= 0
						|| param.getBytes(StandardCharsets.UTF_8).length > KEY_LENGTH) {
					connection.reply("696 " + me + " #" + room + " k * :Invalid key");
				}
				else {
					applied.add(true, flag, param, hub.changeModes(room, (modes) -> modes.withKey(param)));
				}
			}
			case 'l' -> {
				if (!adding) {
					applied.add(false, flag, null,
							hub.modes(room).limit() > 0 && hub.changeModes(room, (modes) -> modes.withLimit(0)));
					return;
				}
				int limit;
				try {
					limit = Integer.parseInt(param);
				}
				catch (NumberFormatException ex) {
					limit = 0;
				}
				if (limit < 1) {
					connection.reply("696 " + me + " #" + room + " l " + param + " :Invalid limit");
					return;
				}
				int set = limit;
				applied.add(true, flag, String.valueOf(set), hub.changeModes(room, (modes) -> modes.withLimit(set)));
			}
			case 'b' -> {
				String mask = ban(param);
				if (adding) {
					RoomModes.Mask ban = new RoomModes.Mask(mask, me, System.currentTimeMillis() / 1000);
					boolean full = hub.modes(room).bans().size() >= RoomModes.MAX_BANS;
					if (full) {
						connection.reply("478 " + me + " #" + room + " " + mask + " :Channel ban list is full");
						return;
					}
					applied.add(true, flag, mask, hub.changeModes(room, (modes) -> modes.withBan(ban)));
				}
				else {
					applied.add(false, flag, mask,
							hub.modes(room)
								.bans()
								.stream()
								.anyMatch((existing) -> existing.mask().equalsIgnoreCase(mask))
									&& hub.changeModes(room, (modes) -> modes.withoutBan(mask)));
				}
			}
			case 'o', 'v' -> {
				ClientSession member = this.server.registry().findByNick(param);
				if (member == null) {
					connection.reply("401 " + me + " " + param + " :No such nick");
				}
				else if (!member.membership().contains(room)) {
					connection.reply("441 " + me + " " + param + " #" + room + " :They aren't on that channel");
				}
				else {
					applied.add(adding, flag, member.from(),
							(flag == 'o') ? hub.operator(member, room, adding) : hub.voice(member, room, adding));
				}
			}
			default -> connection.reply("472 " + me + " " + flag + " :is unknown mode char to me");
		}
	}

	/**
	 * A ban mask completed to {@code nick!user@host}: {@code bob} is {@code bob!*@*}.
	 */
	private static String ban(String mask) {
		String full = (mask.indexOf('!') < 0 && mask.indexOf('@') < 0) ? mask + "!*@*"
				: (mask.indexOf('@') < 0) ? mask + "@*" : mask;
		return (full.length() > MASK_LENGTH) ? full.substring(0, MASK_LENGTH) : full;
	}

	/**
	 * The changes applied so far, as a {@code MODE} line gives them:
	 * {@code +o-v bob bob}.
	 */
	private static final class Applied {

		private final StringBuilder flags = new StringBuilder();

		private final List<String> params = new ArrayList<>();

		private char sign;

		private int size;

		void add(boolean adding, char flag, @Nullable String param, boolean changed) {
			if (!changed) {
				return;
			}
			char wanted = adding ? '+' : '-';
			if (wanted != this.sign) {
				this.flags.append(wanted);
				this.sign = wanted;
			}
			this.flags.append(flag);
			if (param != null) {
				this.params.add(param);
			}
			this.size++;
		}

		int size() {
			return this.size;
		}

		boolean isEmpty() {
			return this.size == 0;
		}

		@Override
		public String toString() {
			return this.flags + (this.params.isEmpty() ? "" : " " + String.join(" ", this.params));
		}

	}

}
