package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * {@code /topic} shows the room's topic, {@code /topic TEXT} sets it and {@code /topic -}
 * clears it. Any member may, except in a read-only room, where only operators (admin
 * tokens) may: a topic is written to the room like a line. A change is relayed like a
 * room line, so every member on every node sees it and every node keeps it; so is the
 * clearing of a topic that has outlived its room ({@link Topics}).
 */
final class TopicCommand {

	private static final Event TOO_MANY = Event
		.failure("too many rooms have a topic (" + Topics.MAX_ROOMS + "); clear one first");

	private static final Event TOO_LONG = Event.failure("topic too long (max " + Topics.MAX_BYTES + " bytes)");

	private static final Event CONTROL = Event
		.failure("a topic cannot contain control characters, bidi controls or line separators");

	private final Topics topics;

	private final RoomRelay relay;

	private final RoomPolicies policies;

	private final Rooms rooms;

	private final ClusterBridge cluster;

	private final Event tooManyFromAddress;

	TopicCommand(Topics topics, RoomRelay relay, RoomPolicies policies, Rooms rooms, ClusterBridge cluster) {
		int perAddress = policies.properties().topicsPerAddress();
		this.policies = policies;
		this.topics = topics;
		this.relay = relay;
		this.rooms = rooms;
		this.cluster = cluster;
		this.tooManyFromAddress = Event.failure("your address has set the topics of " + perAddress
				+ " rooms, the most allowed (switchboard.rooms.topics-per-address); clear one (/topic -)"
				+ " or wait until one of those rooms has been empty for switchboard.rooms.topic-retention");
	}

	@Nullable Event run(ClientSession session, String room, String argument) {
		String text = argument.strip();
		if (text.isEmpty()) {
			Event.Topic topic = this.topics.get(room);
			return new Event.Topic(room, (topic != null) ? topic.text() : "", null);
		}
		boolean admin = RoomSpeech.isAdmin(session.identity());
		if (this.policies.readOnly(room) && !admin) {
			return Event.failure("room " + room + " is read-only: only operators set its topic");
		}
		if (text.equals("-")) {
			text = "";
		}
		else if (text.length() > Topics.MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > Topics.MAX_BYTES) {
			return TOO_LONG;
		}
		else if (!TerminalSafeText.escape(text).equals(text)) {
			return CONTROL;
		}
		else {
			switch (this.topics.claim(room, admin ? null : setter(session))) {
				case NO_ROOM -> {
					return TOO_MANY;
				}
				case TOO_MANY_FROM_SETTER -> {
					return this.tooManyFromAddress;
				}
				case CLAIMED -> {
				}
			}
		}
		this.relay.relay(room, null, new Event.Topic(room, text, session.from()));
		return null;
	}

	/**
	 * A room's topic, empty for none.
	 */
	String text(String room) {
		Event.Topic topic = this.topics.get(room);
		return (topic != null) ? topic.text() : "";
	}

	/**
	 * Clear the topics that have outlived their rooms; run periodically. A room counts as
	 * empty only if it is on every node: while the cluster's directory cannot say, no
	 * topic goes.
	 */
	void expire() {
		Map<String, Integer> everywhere = this.cluster.rooms();
		if (everywhere == null && this.cluster != ClusterBridge.LOCAL) {
			return;
		}
		Set<String> occupied = new HashSet<>(this.rooms.counts().keySet());
		if (everywhere != null) {
			everywhere.forEach((room, members) -> {
				if (members > 0) {
					occupied.add(room);
				}
			});
		}
		for (String room : this.topics.expired(occupied)) {
			this.relay.relay(room, null, new Event.Topic(room, "", null));
		}
	}

	/**
	 * Whom a topic counts against: the address as per-address rate limits key it (an IPv6
	 * /64 is one host), or the client itself without one (a Unix socket).
	 */
	private static String setter(ClientSession session) {
		String ip = session.ip();
		return (ip != null) ? AddressPrefix.rateKey(ip) : session.id();
	}

}
