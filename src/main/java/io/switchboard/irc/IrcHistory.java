package io.switchboard.irc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import io.switchboard.core.ClientSession;
import io.switchboard.core.Event;
import org.jspecify.annotations.Nullable;

/**
 * IRCv3 {@code CHATHISTORY} ({@code draft/chathistory}), backed by the rooms' history:
 * {@code LATEST}, {@code BEFORE}, {@code AFTER}, {@code AROUND} and {@code BETWEEN} by
 * {@code msgid=} (the line ids every door knows) or {@code timestamp=}, at most
 * {@value #MAX_LINES} lines, in a {@code chathistory} batch; {@code TARGETS} lists the
 * client's channels with lines in a window and the nicks it exchanged private messages
 * with on this connection (private messages are never kept, so their history is empty). A
 * client asks only about a channel it is in.
 */
final class IrcHistory {

	/** {@code CHATHISTORY=}: the most lines one request returns. */
	static final int MAX_LINES = 100;

	/**
	 * Everything a room's history may keep ({@code switchboard.history.size} at most).
	 */
	private static final int ALL_KEPT = 10_000;

	private final BiFunction<String, Integer, List<Event.Chat>> history;

	private final AtomicLong batches = new AtomicLong();

	IrcHistory(BiFunction<String, Integer, List<Event.Chat>> history) {
		this.history = history;
	}

	void run(IrcConnection connection, ClientSession session, IrcMessage message) {
		String sub = message.param(0).toUpperCase(Locale.ROOT);
		if (message.size() < 2) {
			fail(connection, "NEED_MORE_PARAMS", "CHATHISTORY :Insufficient parameters");
			return;
		}
		if (sub.equals("TARGETS")) {
			targets(connection, session, message);
			return;
		}
		int needed = sub.equals("BETWEEN") ? 5 : 4;
		if (!List.of("LATEST", "BEFORE", "AFTER", "AROUND", "BETWEEN").contains(sub)) {
			fail(connection, "INVALID_PARAMS", sub + " :Unknown subcommand");
			return;
		}
		if (message.size() < needed) {
			fail(connection, "NEED_MORE_PARAMS", "CHATHISTORY :Insufficient parameters");
			return;
		}
		String target = message.param(1);
		String room = IrcCommands.room(target);
		int limit = limit(message.param(needed - 1));
		if (limit < 1) {
			fail(connection, "INVALID_PARAMS", sub + " " + message.param(needed - 1) + " :Invalid limit");
			return;
		}
		if (room == null && target.startsWith("#") || room != null && !session.membership().contains(room)) {
			fail(connection, "INVALID_TARGET", sub + " " + target + " :Messages could not be retrieved");
			return;
		}
		List<Event.Chat> lines = (room != null) ? this.history.apply(room, ALL_KEPT) : List.of();
		Integer first = position(lines, message.param(2), sub.equals("LATEST"));
		Integer second = sub.equals("BETWEEN") ? position(lines, message.param(3), false) : null;
		if (first == null || (sub.equals("BETWEEN") && second == null)) {
			fail(connection, "INVALID_PARAMS", sub + " " + message.param(2) + " :Invalid message reference");
			return;
		}
		send(connection, target, select(lines, sub, first, second, limit));
	}

	/**
	 * The lines a subcommand asks for, oldest first. References are positions in doubled
	 * units ({@link #position}), so that "before" and "after" leave the reference out
	 * whether it is a line or a moment between two.
	 */
	private static List<Event.Chat> select(List<Event.Chat> lines, String sub, int at, @Nullable Integer other,
			int limit) {
		int size = lines.size();
		return switch (sub) {
			case "LATEST" -> lines.subList(Math.max(after(at), size - limit), size);
			case "BEFORE" -> lines.subList(Math.max(0, before(at) - limit), before(at));
			case "AFTER" -> lines.subList(after(at), Math.min(size, after(at) + limit));
			case "AROUND" -> {
				int from = Math.max(0, Math.min(before(at) - limit / 2, size - limit));
				yield lines.subList(from, Math.min(size, from + limit));
			}
			default -> {
				int low = Math.min(at, other);
				int high = Math.max(at, other);
				List<Event.Chat> between = lines.subList(after(low), Math.max(after(low), before(high)));
				yield (at <= other) ? between.subList(0, Math.min(limit, between.size()))
						: between.subList(Math.max(0, between.size() - limit), between.size());
			}
		};
	}

	/** How many lines come before a position. */
	private static int before(int position) {
		return Math.max(0, position / 2);
	}

	/** The index of the first line after a position. */
	private static int after(int position) {
		return Math.max(0, (position + 1) / 2);
	}

	/**
	 * Where a reference falls among the lines, doubled: {@code 2i+1} for line {@code i}
	 * ({@code msgid=}), {@code 2i} for the moment just before line {@code i}
	 * ({@code timestamp=}: after every line not later than it), {@code -1} for {@code *}
	 * (where {@code star} allows it: no lower bound); null if it is malformed or names no
	 * kept line.
	 */
	private static @Nullable Integer position(List<Event.Chat> lines, String reference, boolean star) {
		if (reference.equals("*")) {
			return star ? -1 : null;
		}
		if (reference.startsWith("msgid=")) {
			String id = reference.substring(6);
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).id().equals(id)) {
					return 2 * i + 1;
				}
			}
			return null;
		}
		if (reference.startsWith("timestamp=")) {
			try {
				Instant time = Instant.parse(reference.substring(10));
				int i = 0;
				while (i < lines.size() && !lines.get(i).time().isAfter(time)) {
					i++;
				}
				return 2 * i;
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	/**
	 * {@code CHATHISTORY TARGETS timestamp=A timestamp=B LIMIT}: the client's channels
	 * whose latest kept line, and the nicks whose latest private message with it on this
	 * connection, fall strictly between the two times (in either order), earliest first,
	 * at most {@code LIMIT} ({@value #MAX_LINES}). One history lookup per channel the
	 * client is in (at most {@code max-rooms}).
	 */
	private void targets(IrcConnection connection, ClientSession session, IrcMessage message) {
		if (message.size() < 4) {
			fail(connection, "NEED_MORE_PARAMS", "TARGETS :Insufficient parameters");
			return;
		}
		Instant one = timestamp(message.param(1));
		Instant other = timestamp(message.param(2));
		int limit = limit(message.param(3));
		if (one == null || other == null) {
			fail(connection, "INVALID_PARAMS",
					"TARGETS " + ((one == null) ? message.param(1) : message.param(2)) + " :Invalid timestamp");
			return;
		}
		if (limit < 1) {
			fail(connection, "INVALID_PARAMS", "TARGETS " + message.param(3) + " :Invalid limit");
			return;
		}
		Instant from = one.isBefore(other) ? one : other;
		Instant to = one.isBefore(other) ? other : one;
		List<IrcConversations.Target> found = new ArrayList<>();
		for (String room : session.membership().all()) {
			List<Event.Chat> latest = this.history.apply(room, 1);
			if (!latest.isEmpty()) {
				found.add(new IrcConversations.Target("#" + room, latest.getLast().time()));
			}
		}
		found.addAll(connection.conversations().all());
		// To the millisecond, as the times clients were shown (server-time) are.
		List<IrcConversations.Target> within = found.stream()
			.map((target) -> new IrcConversations.Target(target.name(), target.latest().truncatedTo(ChronoUnit.MILLIS)))
			.filter((target) -> target.latest().isAfter(from) && target.latest().isBefore(to))
			.sorted(Comparator.comparing(IrcConversations.Target::latest))
			.limit(limit)
			.toList();
		String ref = ref();
		connection.send(connection.lines().server("BATCH +" + ref + " draft/chathistory-targets"));
		for (IrcConversations.Target target : within) {
			connection.send("@batch=" + ref + " " + connection.lines()
				.server("CHATHISTORY TARGETS " + target.name() + " " + target.latest().truncatedTo(ChronoUnit.MILLIS)));
		}
		connection.send(connection.lines().server("BATCH -" + ref));
	}

	private static @Nullable Instant timestamp(String reference) {
		if (!reference.startsWith("timestamp=")) {
			return null;
		}
		try {
			return Instant.parse(reference.substring(10));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private void send(IrcConnection connection, String target, List<Event.Chat> lines) {
		String ref = ref();
		connection.send(connection.lines().server("BATCH +" + ref + " chathistory " + target));
		for (Event.Chat line : lines) {
			connection.send("@batch=" + ref + ";time=" + line.time().truncatedTo(ChronoUnit.MILLIS)
					+ (line.id().isEmpty() ? "" : ";msgid=" + line.id()) + " :"
					+ connection.directory().mask(IrcNicks.of(line.from())) + (line.notice() ? " NOTICE " : " PRIVMSG ")
					+ target + " :" + IrcLines.text(line));
		}
		connection.send(connection.lines().server("BATCH -" + ref));
	}

	private static int limit(String text) {
		try {
			return Math.min(MAX_LINES, Integer.parseInt(text));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private String ref() {
		return "h" + this.batches.incrementAndGet();
	}

	private static void fail(IrcConnection connection, String code, String rest) {
		connection.send(connection.lines().server("FAIL CHATHISTORY " + code + " " + rest));
	}

}
