package io.switchboard.hub;

import io.switchboard.client.ClientSession;
import io.switchboard.client.Event;
import org.jspecify.annotations.Nullable;

/**
 * {@code /topic} shows the room's topic, {@code /topic TEXT} sets it and {@code /topic -}
 * clears it. Any member may, except in a read-only room, where only operators (admin
 * tokens) may: a topic is written to the room like a line. A change is relayed like a
 * room line, so every member on every node sees it and every node keeps it.
 */
final class TopicCommand {

	private static final Event TOO_MANY = Event
		.failure("too many rooms have a topic (" + Topics.MAX_ROOMS + "); clear one first");

	private static final Event TOO_LONG = Event.failure("topic too long (max " + Topics.MAX_LENGTH + " characters)");

	private static final Event CONTROL = Event
		.failure("a topic cannot contain control characters, bidi controls or line separators");

	private final Topics topics;

	private final RoomRelay relay;

	private final RoomPolicies policies;

	TopicCommand(Topics topics, RoomRelay relay, RoomPolicies policies) {
		this.policies = policies;
		this.topics = topics;
		this.relay = relay;
	}

	@Nullable Event run(ClientSession session, String room, String argument) {
		String text = argument.strip();
		if (text.isEmpty()) {
			Event.Topic topic = this.topics.get(room);
			return new Event.Topic(room, (topic != null) ? topic.text() : "", null);
		}
		if (this.policies.readOnly(room) && !ChatMessages.isAdmin(session.identity())) {
			return Event.failure("room " + room + " is read-only: only operators set its topic");
		}
		if (text.equals("-")) {
			text = "";
		}
		else if (text.length() > Topics.MAX_LENGTH) {
			return TOO_LONG;
		}
		else if (!TerminalSafeText.escape(text).equals(text)) {
			return CONTROL;
		}
		else if (!this.topics.canSet(room)) {
			return TOO_MANY;
		}
		this.relay.relay(room, null, new Event.Topic(room, text, session.from()));
		return null;
	}

	/**
	 * How {@code /rooms} shows a room's topic: {@code  "text"} after its count, or
	 * nothing.
	 */
	String listed(String room) {
		Event.Topic topic = this.topics.get(room);
		return (topic != null) ? " \"" + topic.text() + "\"" : "";
	}

}
