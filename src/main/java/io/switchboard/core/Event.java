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
	 * @param notice whether it was sent as an IRC NOTICE (bots' lines, which no client
	 * answers automatically); other doors show it as any line
	 */
	record Chat(String id, String room, String from, String text, Instant time, long receivedNanos,
			boolean notice) implements Event {

		public Chat(String id, String room, String from, String text, Instant time, long receivedNanos) {
			this(id, room, from, text, time, receivedNanos, false);
		}

		/**
		 * The same line under the id its room's history gave it.
		 */
		public Chat withId(String id) {
			return new Chat(id, this.room, this.from, this.text, this.time, this.receivedNanos, this.notice);
		}

	}

	/**
	 * A private message to one client, addressed by nick. Never kept in history.
	 *
	 * @param to the receiver's nick
	 * @param receivedNanos as for {@link Chat}
	 */
	record Private(String id, String from, String to, String text, Instant time, long receivedNanos) implements Event {
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
	 */
	record Info(String text) implements Event {
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
