package io.switchboard.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The commands of clients whose token has the {@code admin} claim: {@code /kick} and
 * {@code /ban}.
 * <p>
 * A kick is about the room the line is about: a client in several rooms (a multi-room
 * dialect), or of a dialect that may be in none (IRC), leaves that room and stays
 * connected, its other rooms untouched, and the room sees the kick; a client in one room
 * has nowhere else to be put (moving it to the default room would only kick it from there
 * next), so it is disconnected (reason {@code kicked}). It may come back at once: keeping
 * it out is what {@code /ban} is for. A ban is the server's (the cluster's), not the
 * room's: it disconnects the client wherever it is connected.
 */
final class Moderation {

	private static final Event.Failure KICK_USAGE = Event.failure("usage: /kick NICK [REASON]");

	private static final Event.Failure BAN_USAGE = Event
		.failure("usage: /ban NICK [DURATION [REASON]] (DURATION: 10m, 1h, 7d or permanent)");

	private final ClientRegistry registry;

	private final Rooms rooms;

	private final RoomEntry entry;

	private final Bans bans;

	private final ClusterBridge cluster;

	Moderation(ClientRegistry registry, Rooms rooms, RoomEntry entry, Bans bans, ClusterBridge cluster) {
		this.registry = registry;
		this.rooms = rooms;
		this.entry = entry;
		this.bans = bans;
		this.cluster = cluster;
	}

	/**
	 * {@code /kick NICK [REASON]}: the room (and the client) sees
	 * {@code * alice was kicked by bob (REASON)}.
	 * @return an error for the caller, or null (it sees the notice in the room)
	 */
	@Nullable Event kick(ClientSession caller, String argument, String room) {
		if (!this.rooms.isOperator(caller, room)) {
			return Event.failure("/kick needs an admin token, or to be the operator of room " + room);
		}
		String[] words = argument.strip().split(" ", 2);
		if (!ChatCommands.isName(words[0])) {
			return KICK_USAGE;
		}
		String nick = words[0];
		ClientSession target = this.registry.findByNick(nick);
		if (target == null || !this.rooms.isMember(target, room)) {
			return Event.failure("no " + nick + " in room " + room + (elsewhere(nick, room)
					? " on this node (it is connected to another: /ban works on every node, /kick on its own)" : ""));
		}
		String reason = (words.length > 1) ? TerminalSafeText.escape(words[1].strip()) : "";
		String why = reason.isEmpty() ? "" : " (" + reason + ")";
		String by = caller.from();
		List<String> itsRooms = target.membership().all();
		boolean staysConnected = target.dialect().startsInNoRoom()
				|| (target.dialect().multiRoom() && itsRooms.size() > 1);
		// The room sees the kick (IRC clients as KICK), the client too if it may be in
		// no room (IRC: its channel closes).
		Event left = this.entry.kicked(target, room, by, reason);
		if (!staysConnected) {
			// In one room only, it has nowhere else to be; its close tells no room again.
			target.close(CloseReason.KICKED, Event.failure("kicked from room " + room + " by " + by + why));
		}
		else if (!target.dialect().startsInNoRoom()) {
			target.send(Event.info("you were kicked from room " + room + " by " + by + why));
			target.send(left);
		}
		return null;
	}

	/**
	 * {@code /ban NICK [DURATION [REASON]]}: bans the token subject of the client holding
	 * the nick on this node, else the nick (a client on another node, or gone); no
	 * duration bans until lifted.
	 * @return the ban's id and what it matches, for the caller
	 */
	Event ban(ClientSession caller, String argument) {
		Event refused = refusedUnlessAdmin(caller, "/ban");
		if (refused != null) {
			return refused;
		}
		String[] words = argument.strip().split(" ", 3);
		if (!ChatCommands.isName(words[0])) {
			return BAN_USAGE;
		}
		String duration = (words.length > 1) ? words[1] : null;
		String reason = (words.length > 2) ? words[2] : null;
		ClientSession target = this.registry.findByNick(words[0]);
		Identity identity = (target != null) ? target.identity() : null;
		Ban ban;
		try {
			ban = (identity != null)
					? Ban.of(Ban.Kind.SUBJECT, identity.subject(), reason, caller.from(), duration, this.bans.now())
					: Ban.of(Ban.Kind.NICK, words[0], reason, caller.from(), duration, this.bans.now());
		}
		catch (IllegalArgumentException ex) {
			return Event.failure(ex.getMessage() + "; " + BAN_USAGE.text());
		}
		try {
			this.bans.impose(ban);
		}
		catch (IllegalStateException ex) {
			return Event.failure("bans cannot change while the cluster is unreachable, try again later");
		}
		Instant until = ban.until();
		return Event.info("ban " + ban.id() + " of " + ban.kind().tag() + " " + ban.value()
				+ ((until != null) ? " until " + until.truncatedTo(ChronoUnit.SECONDS) : " until lifted"));
	}

	private static @Nullable Event refusedUnlessAdmin(ClientSession caller, String command) {
		Identity identity = caller.identity();
		return (identity != null && identity.admin()) ? null : Event.failure(command + " needs an admin token");
	}

	/**
	 * Whether another node lists the nick in the room.
	 */
	private boolean elsewhere(String nick, String room) {
		List<String> everywhere = this.cluster.who(room);
		return everywhere != null && everywhere.stream()
			.anyMatch((who) -> who.toLowerCase(Locale.ROOT).equals(nick.toLowerCase(Locale.ROOT)));
	}

}
