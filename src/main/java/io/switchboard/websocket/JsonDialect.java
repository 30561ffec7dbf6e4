package io.switchboard.websocket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.core.Dialect;
import io.switchboard.core.Event;
import io.switchboard.core.Nicks;
import io.switchboard.core.OutboundLine;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code switchboard.json} subprotocol: one JSON object per frame. The client sends
 * {@code {"line": "..."}}; the server sends {@code chat}, {@code info} and {@code error}
 * objects (see the schema in docs/protocol.md). Written by Jackson, so no user text can
 * break out of its string.
 */
final class JsonDialect implements Dialect {

	static final String SUBPROTOCOL = "switchboard.json";

	private final JsonMapper mapper;

	JsonDialect(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * A json client is in any number of rooms, and names the room of what it sends.
	 */
	@Override
	public boolean multiRoom() {
		return true;
	}

	@Override
	public OutboundLine render(Event event) {
		Object json = switch (event) {
			case Event.Chat chat -> chat(chat);
			case Event.Private message -> new PrivateJson("private", message.id(), message.from(), message.to(),
					message.text(), message.time().toString(), message.action());
			case Event.History history ->
				new HistoryJson("history", history.room(), history.lines().stream().map(JsonDialect::chat).toList());
			case Event.Recovered recovered ->
				new RecoveredJson("recovered", recovered.room(), recovered.complete(), recovered.lines());
			case Event.Topic topic -> new TopicJson("topic", topic.room(), topic.text(), topic.by());
			case Event.Info info -> info(info);
			case Event.Joined joined -> new JoinedJson("info", "joined", joined.room(), joined.text());
			case Event.Greeting greeting -> new RoomTextJson("info", greeting.room(), greeting.text());
			case Event.Presence presence -> new PresenceJson("info", "presence", presence.room(), presence.who(),
					presence.joined(), (presence.kickedBy() != null) ? presence.kickText()
							: presence.who() + (presence.joined() ? " joined" : " left"));
			case Event.Renamed renamed -> new RenamedJson("info", "renamed", renamed.room(), renamed.from(),
					renamed.to(), renamed.from() + " is now known as " + renamed.to());
			case Event.Operator operator -> new TextJson("info", "[operator] " + operator.text());
			case Event.Failure failure -> new TextJson("error", failure.text());
		};
		return new OutboundLine(this.mapper.writeValueAsBytes(json), event.receivedNanos());
	}

	/**
	 * The {@code hello} a json client gets once admitted: who it is shown as, the rooms
	 * it is in (none until it signs in, in token mode), and the limits it can check
	 * before it sends (the longest line, in bytes of the wire charset; the longest frame,
	 * in characters, the json wrapping included; the nick rules), so the web page refuses
	 * an over-long line instead of being disconnected for it.
	 */
	OutboundLine hello(String you, List<String> rooms, int maxLineBytes, int maxFrameChars) {
		return new OutboundLine(this.mapper.writeValueAsBytes(new HelloJson("hello", you, rooms, maxLineBytes,
				maxFrameChars, new NickRulesJson(Nicks.PATTERN, Nicks.RULES))), 0);
	}

	/**
	 * What a client's frame asks: {@code {"line": "..."}}, optionally with the room it is
	 * about ({@code "room": "dev"}: a chat line goes there, {@code /who} lists it) and,
	 * for a {@code /join}, the last line the client has of the room
	 * ({@code "since": "ID"}, which becomes the line protocol's
	 * {@code /join dev since=ID}).
	 * @return the request, or null if the frame is not such an object
	 */
	@Nullable Request requestOf(String frame) {
		try {
			JsonNode object = this.mapper.readTree(frame);
			JsonNode line = object.get("line");
			JsonNode room = object.get("room");
			JsonNode since = object.get("since");
			if (line == null || !line.isString() || !isAbsentOrString(room) || !isAbsentOrString(since)) {
				return null;
			}
			String roomName = (room != null && !room.isNull()) ? room.asString() : null;
			if (since == null || since.isNull()) {
				return new Request(line.asString(), roomName);
			}
			return line.asString().startsWith("/join ")
					? new Request(line.asString().strip() + " since=" + since.asString(), roomName) : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean isAbsentOrString(@Nullable JsonNode node) {
		return node == null || node.isNull() || node.isString();
	}

	/**
	 * A json client's frame: a line of the line protocol and the room it is about, if it
	 * names one.
	 */
	record Request(String line, @Nullable String room) {
	}

	/**
	 * A reply that is also data carries it beside its text, under a {@code kind} naming
	 * it: a client reads the data and never parses the text (a topic in a room list's
	 * text could pass for a room).
	 */
	private static Object info(Event.Info info) {
		return switch (info.reply()) {
			case null -> new TextJson("info", info.text());
			case Event.Reply.Rooms rooms -> new RoomsJson("info", "rooms", info.text(),
					rooms.rooms()
						.stream()
						.map((room) -> new RoomJson(room.name(), room.members(), room.topic()))
						.toList(),
					rooms.more());
			case Event.Reply.Members members ->
				new MembersJson("info", "members", members.room(), info.text(), members.names(), members.more());
			case Event.Reply.Nick nick -> new NickJson("info", "nick", nick.nick(), info.text());
		};
	}

	private static ChatJson chat(Event.Chat chat) {
		return new ChatJson("chat", chat.id(), chat.room(), chat.from(), chat.text(), chat.time().toString(),
				chat.action());
	}

	record HistoryJson(String type, String room, List<ChatJson> events) {
	}

	record RecoveredJson(String type, String room, boolean complete, int lines) {
	}

	/**
	 * @param action present, and true, only for an action ({@code /me}): the page shows
	 * {@code * from text}
	 */
	record ChatJson(String type, String id, String room, String from, String text, String time,
			@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean action) {
	}

	record PrivateJson(String type, String id, String from, String to, String text, String time,
			@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean action) {
	}

	record TopicJson(String type, String room, String text, @Nullable String by) {
	}

	record RoomTextJson(String type, String room, String text) {
	}

	record TextJson(String type, String text) {
	}

	record HelloJson(String type, String you, List<String> rooms, int maxLineBytes, int maxFrameChars,
			NickRulesJson nick) {
	}

	record NickRulesJson(String pattern, String rules) {
	}

	record JoinedJson(String type, String kind, String room, String text) {
	}

	record PresenceJson(String type, String kind, String room, String who, boolean joined, String text) {
	}

	record RenamedJson(String type, String kind, String room, String from, String to, String text) {
	}

	record RoomsJson(String type, String kind, String text, List<RoomJson> rooms, int more) {
	}

	record RoomJson(String name, int members, String topic) {
	}

	record MembersJson(String type, String kind, String room, String text, List<String> members, int more) {
	}

	record NickJson(String type, String kind, String nick, String text) {
	}

}
