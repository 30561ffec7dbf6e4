package io.switchboard.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the hub says to clients, before any wire format: each client's {@link Dialect}
 * renders it for its own wire (the line protocol today; JSON or IRC for other doors).
 * Text in events is already made safe to show ({@code TerminalSafeText}).
 */
public sealed interface Event {

	/**
	 * A chat line in a room.
	 *
	 * @param id unique per message on this node (and in a cluster, with the node's
	 * suffix)
	 * @param receivedNanos {@link System#nanoTime()} when it arrived at this node, for
	 * the delivery latency; 0 for none
	 * @param kind what sort of line: said, a notice or an action ({@code /me})
	 * @param clientTags the client-only message tags an IRC client sent with it
	 * ({@code +draft/reply=ID;+typing=active}), as IRC escapes them, without the
	 * {@code @}; empty for none. Only the IRC dialect renders them (the other doors have
	 * no tags); the history and the cluster do not keep them.
	 */
	record Chat(String id, String room, String from, String text, Instant time, long receivedNanos, Kind kind,
			String clientTags) implements Event {

		public Chat(String id, String room, String from, String text, Instant time, long receivedNanos) {
			this(id, room, from, text, time, receivedNanos, Kind.SAY);
		}

		public Chat(String id, String room, String from, String text, Instant time, long receivedNanos, Kind kind) {
			this(id, room, from, text, time, receivedNanos, kind, "");
		}

		/**
		 * The same line under the id its room's history gave it.
		 */
		public Chat withId(String id) {
			return new Chat(id, this.room, this.from, this.text, this.time, this.receivedNanos, this.kind,
					this.clientTags);
		}

		/**
		 * The line as the history keeps it: without client-only tags, which are for the
		 * live line only (a replay from any store looks the same).
		 */
		public Chat withoutClientTags() {
			return this.clientTags.isEmpty() ? this
					: new Chat(this.id, this.room, this.from, this.text, this.time, this.receivedNanos, this.kind, "");
		}

		/**
		 * Whether it was sent as an IRC NOTICE (bots' lines, which no client answers
		 * automatically); other doors show it as any line.
		 */
		public boolean notice() {
			return this.kind == Kind.NOTICE;
		}

		/**
		 * Whether it is an action ({@code /me waves}, IRC's CTCP ACTION); the text is
		 * what follows the sender's name.
		 */
		public boolean action() {
			return this.kind == Kind.ACTION;
		}

		/**
		 * The sorts of chat line. One event whatever door it came from: each dialect
		 * renders an action its own way ({@code * erin waves} on the line door and the
		 * page, a CTCP ACTION on IRC).
		 */
		public enum Kind {

			SAY, NOTICE, ACTION

		}

	}

	/**
	 * A private message to one client, addressed by nick. Never kept in history.
	 *
	 * @param to the receiver's nick
	 * @param receivedNanos as for {@link Chat}
	 * @param action whether it is an action ({@code /me} in a private conversation)
	 * @param clientTags as for {@link Chat}: rendered by the IRC dialect only, not
	 * carried to another node
	 */
	record Private(String id, String from, String to, String text, Instant time, long receivedNanos, boolean action,
			String clientTags) implements Event {

		public Private(String id, String from, String to, String text, Instant time, long receivedNanos) {
			this(id, from, to, text, time, receivedNanos, false);
		}

		public Private(String id, String from, String to, String text, Instant time, long receivedNanos,
				boolean action) {
			this(id, from, to, text, time, receivedNanos, action, "");
		}

	}

	/**
	 * A room's past lines asked for with {@code /history}, oldest first: one block for
	 * one client.
	 */
	record History(String room, List<Chat> lines) implements Event {
	}

	/**
	 * The start of a catch-up ({@code /join ROOM since=ID}): {@code lines} replayed lines
	 * follow; {@code complete} is false if some lines after the id were already forgotten
	 * (or the history was restarted), so the client knows it missed some.
	 */
	record Recovered(String room, boolean complete, int lines) implements Event {
	}

	/**
	 * A room's topic: what it is ({@code by} null: on joining, or asked with
	 * {@code /topic}), or that someone set it; an empty text means none, or cleared.
	 */
	record Topic(String room, String text, @Nullable String by) implements Event {
	}

	/**
	 * The reply to joining a room: the client is now a member (the line dialect shows
	 * {@code * you are now in room ROOM}; IRC, the client's own {@code JOIN}).
	 */
	record Joined(String room) implements Event {

		public String text() {
			return "you are now in room " + this.room;
		}

	}

	/**
	 * Information for one client: a command's reply, a notice ({@code * pong},
	 * {@code * server shutting down}); the line dialect shows it as {@code * text}.
	 *
	 * @param reply the same reply as data, for dialects that carry data (json), so their
	 * clients never parse the text; null for replies that are only text
	 */
	record Info(String text, @Nullable Reply reply) implements Event {

		public Info(String text) {
			this(text, null);
		}

	}

	/**
	 * A command's reply as data, beside its text.
	 */
	sealed interface Reply {

		/**
		 * {@code /rooms}: rooms with members, at most
		 * {@code switchboard.max-list-entries} of them, and how many more there are.
		 */
		record Rooms(List<Room> rooms, int more) implements Reply {
		}

		/**
		 * One room of {@link Rooms}.
		 *
		 * @param topic its topic, empty for none
		 */
		record Room(String name, int members, String topic) {
		}

		/**
		 * {@code /who}: who is in a room, in order of arrival, at most
		 * {@code switchboard.max-list-entries} of them, and how many more there are.
		 */
		record Members(String room, List<String> names, int more) implements Reply {
		}

		/**
		 * The client's nick is now this one ({@code /nick}, or the nick its token gives).
		 */
		record Nick(String nick) implements Reply {
		}

	}

	/**
	 * An error for one client; the line dialect shows it as {@code ERR text}.
	 */
	record Failure(String text) implements Event {
	}

	/**
	 * The greeting, exactly as configured ({@code switchboard.greeting}, placeholders
	 * filled in).
	 */
	record Greeting(String text, String room) implements Event {
	}

	/**
	 * Someone in a room changed its nick (shown as presence is: IRC clients always see
	 * it, line clients with {@code switchboard.announce-presence}).
	 *
	 * @param from what it was shown as before (its nick, or its address or id)
	 * @param to its new nick
	 */
	record Renamed(String room, String from, String to) implements Event {
	}

	/**
	 * Someone joined or left a room ({@code switchboard.announce-presence}, and always
	 * for dialects that want them).
	 *
	 * @param quit whether it left because its connection ended (IRC shows a QUIT)
	 * @param reason why it left, as it said ({@code PART #room :reason}, a QUIT message,
	 * a kick's reason) or the end of its connection; empty for none
	 * @param kickedBy who kicked it out of the room (IRC shows a KICK), null if it left
	 * by itself
	 */
	record Presence(String room, String who, boolean joined, boolean quit, String reason,
			@Nullable String kickedBy) implements Event {

		public Presence(String room, String who, boolean joined, boolean quit, String reason) {
			this(room, who, joined, quit, reason, null);
		}

		public Presence(String room, String who, boolean joined) {
			this(room, who, joined, false, "");
		}

		/**
		 * A kick as the doors without a KICK of their own show it:
		 * {@code alice was kicked by bob (REASON)}.
		 */
		public String kickText() {
			return this.who + " was kicked by " + this.kickedBy
					+ (this.reason.isEmpty() ? "" : " (" + this.reason + ")");
		}

	}

	/**
	 * An operator message to a room or everyone.
	 */
	record Operator(String text) implements Event {
	}

	static Info info(String text) {
		return new Info(text);
	}

	static Failure failure(String text) {
		return new Failure(text);
	}

	/**
	 * The latency origin of the event, 0 for none.
	 */
	default long receivedNanos() {
		return switch (this) {
			case Chat chat -> chat.receivedNanos();
			case Private message -> message.receivedNanos();
			default -> 0;
		};
	}

}
