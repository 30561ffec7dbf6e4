package io.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A room's modes, as IRC's channel modes set them, and what each means on every door: a
 * value, replaced whole on a change.
 * <ul>
 * <li>{@code noOutside} ({@code +n}, on by default): only members send to the room;
 * without it anyone may (IRC clients can address a room they are not in; line clients
 * write only to their rooms anyway);</li>
 * <li>{@code topicLocked} ({@code +t}): only the room's operators set its topic;</li>
 * <li>{@code moderated} ({@code +m}): only its operators and voiced members ({@code +v})
 * send lines to it, from every door;</li>
 * <li>{@code secret} ({@code +s}): IRC's {@code LIST}, {@code WHOIS} and {@code NAMES}
 * keep it from non-members;</li>
 * <li>{@code inviteOnly} ({@code +i}): only clients invited ({@code INVITE}) join;</li>
 * <li>{@code key} ({@code +k}): joining takes the key ({@code JOIN #room key}); line and
 * WebSocket clients, whose {@code /join} has no key, cannot join such a room;</li>
 * <li>{@code limit} ({@code +l}): at most this many members on this node;</li>
 * <li>{@code bans} ({@code +b}): masks ({@code nick!user@host}, {@code *} and {@code ?})
 * whose nick part keeps matching clients out; the user and host parts are matched against
 * what IRC shows of every client ({@code ~user@server}), so in practice a channel ban is
 * a ban by nick.</li>
 * </ul>
 * Modes are this node's: in a cluster each node keeps its own.
 *
 * @param bans at most {@value #MAX_BANS}, oldest first
 */
public record RoomModes(boolean noOutside, boolean topicLocked, boolean moderated, boolean secret, boolean inviteOnly,
		@Nullable String key, int limit, List<Mask> bans) {

	/** A new room's modes: {@code +n}. */
	public static final RoomModes DEFAULT = new RoomModes(true, false, false, false, false, null, 0, List.of());

	/** {@code MAXLIST=b:}: the most ban masks a room keeps. */
	public static final int MAX_BANS = 50;

	public RoomModes {
		bans = List.copyOf(bans);
	}

	public RoomModes withNoOutside(boolean on) {
		return new RoomModes(on, this.topicLocked, this.moderated, this.secret, this.inviteOnly, this.key, this.limit,
				this.bans);
	}

	public RoomModes withTopicLocked(boolean on) {
		return new RoomModes(this.noOutside, on, this.moderated, this.secret, this.inviteOnly, this.key, this.limit,
				this.bans);
	}

	public RoomModes withModerated(boolean on) {
		return new RoomModes(this.noOutside, this.topicLocked, on, this.secret, this.inviteOnly, this.key, this.limit,
				this.bans);
	}

	public RoomModes withSecret(boolean on) {
		return new RoomModes(this.noOutside, this.topicLocked, this.moderated, on, this.inviteOnly, this.key,
				this.limit, this.bans);
	}

	public RoomModes withInviteOnly(boolean on) {
		return new RoomModes(this.noOutside, this.topicLocked, this.moderated, this.secret, on, this.key, this.limit,
				this.bans);
	}

	public RoomModes withKey(@Nullable String key) {
		return new RoomModes(this.noOutside, this.topicLocked, this.moderated, this.secret, this.inviteOnly, key,
				this.limit, this.bans);
	}

	public RoomModes withLimit(int limit) {
		return new RoomModes(this.noOutside, this.topicLocked, this.moderated, this.secret, this.inviteOnly, this.key,
				limit, this.bans);
	}

	/**
	 * With one more ban mask (the same mask, ignoring case, once), unless the list is
	 * full.
	 */
	public RoomModes withBan(Mask ban) {
		if (this.bans.size() >= MAX_BANS
				|| bans().stream().anyMatch((mask) -> mask.mask().equalsIgnoreCase(ban.mask()))) {
			return this;
		}
		List<Mask> more = new ArrayList<>(this.bans);
		more.add(ban);
		return new RoomModes(this.noOutside, this.topicLocked, this.moderated, this.secret, this.inviteOnly, this.key,
				this.limit, more);
	}

	public RoomModes withoutBan(String mask) {
		return new RoomModes(this.noOutside, this.topicLocked, this.moderated, this.secret, this.inviteOnly, this.key,
				this.limit, this.bans.stream().filter((ban) -> !ban.mask().equalsIgnoreCase(mask)).toList());
	}

	/**
	 * Whether a ban mask keeps out a client shown as {@code nick}: the mask's nick part
	 * must match it, its user part {@code ~nick} or anything, its host part anything
	 * ({@code *}).
	 */
	public boolean banned(String nick) {
		for (Mask ban : this.bans) {
			if (ban.matches(nick)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The flags as IRC's {@code 324} gives them, without their parameters: {@code +nt}.
	 * @param readOnly whether a room policy makes it read-only (shown as {@code +m})
	 */
	public String flags(boolean readOnly) {
		return "+" + (this.inviteOnly ? "i" : "") + ((this.key != null) ? "k" : "") + ((this.limit > 0) ? "l" : "")
				+ ((this.moderated || readOnly) ? "m" : "") + (this.noOutside ? "n" : "") + (this.secret ? "s" : "")
				+ (this.topicLocked ? "t" : "");
	}

	/**
	 * One ban mask, who set it and when (seconds since the epoch), as {@code 367} lists
	 * it.
	 */
	public record Mask(String mask, String by, long at) {

		boolean matches(String nick) {
			String[] parts = this.mask.split("[!@]", 3);
			return glob(parts[0]).matcher(nick).matches()
					&& (parts.length < 2 || glob(parts[1]).matcher("~" + nick).matches() || parts[1].equals("*"));
		}

		private static Pattern glob(String mask) {
			StringBuilder regex = new StringBuilder();
			for (char c : mask.toLowerCase(Locale.ROOT).toCharArray()) {
				regex.append((c == '*') ? ".*" : (c == '?') ? "." : Pattern.quote(String.valueOf(c)));
			}
			return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
		}

	}

}
