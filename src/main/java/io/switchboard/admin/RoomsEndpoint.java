package io.switchboard.admin;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.switchboard.core.ChatHub;
import io.switchboard.core.Event;
import io.switchboard.core.HistoryProperties;
import io.switchboard.core.RoomNames;
import io.switchboard.core.RoomSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/rooms}: every room that has members, a topic or history, and
 * {@code /actuator/rooms/{room}/history?limit=N}, a room's last lines on this node.
 * <p>
 * Reads need the admin's credentials once a password is set
 * ({@link ActuatorSecurityConfiguration}). Without one they are anonymous, history text
 * included: any client may {@code /join} a room and ask for its {@code /history}, so an
 * anonymous HTTP reader learns nothing a chat client could not; in token mode, where the
 * tokens decide who joins, they are refused instead. As in {@code clients}, addresses are
 * the admin's only: a line from a client without a nick names its sender by
 * {@code ip:port} (TCP, WebSocket), and anonymous reads show such a sender as null. Nicks
 * and ids never contain {@code :}, addresses always do.
 */
@Endpoint(id = "rooms")
public class RoomsEndpoint {

	/** As {@code /join} takes them. */
	private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	static final int DEFAULT_LIMIT = 20;

	private final ChatHub hub;

	private final HistoryProperties history;

	public RoomsEndpoint(ChatHub hub, HistoryProperties history) {
		this.hub = hub;
		this.history = history;
	}

	@ReadOperation
	public RoomsDescriptor rooms() {
		List<RoomSummary> rooms = this.hub.rooms();
		return new RoomsDescriptor(rooms.size(), rooms);
	}

	/**
	 * A room's last {@code limit} history lines, oldest first. A room without history
	 * (never used, or its lines expired) answers with no lines rather than 404: rooms
	 * exist as soon as someone joins and are never created or removed as such.
	 * @param history the path segment {@code history}
	 * @param limit 1 to {@code switchboard.history.size}; default 20
	 */
	@ReadOperation
	public WebEndpointResponse<Object> history(@Selector String room, @Selector String history, @Nullable String limit,
			SecurityContext security) {
		if (!"history".equals(history)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		if (!ROOM.matcher(room).matches()) {
			return badRequest("room must be 1-32 of A-Z a-z 0-9 _ . -");
		}
		room = RoomNames.canonical(room);
		int max = Math.max(1, this.history.size());
		int count;
		try {
			count = (limit != null) ? Integer.parseInt(limit) : Math.min(DEFAULT_LIMIT, max);
		}
		catch (NumberFormatException ex) {
			count = 0;
		}
		if (count < 1 || count > max) {
			return badRequest("limit must be 1 to " + max + " (switchboard.history.size), was " + limit);
		}
		boolean showAddresses = security.isUserInRole("ADMIN");
		List<LineDescriptor> lines = this.hub.history(room, count)
			.stream()
			.map((line) -> LineDescriptor.of(line, showAddresses))
			.toList();
		return new WebEndpointResponse<>(new HistoryDescriptor(room, lines));
	}

	private static WebEndpointResponse<Object> badRequest(String why) {
		return new WebEndpointResponse<>(new ClientsEndpoint.ErrorDescriptor(why),
				WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	/**
	 * The listing.
	 */
	public record RoomsDescriptor(int count, List<RoomSummary> rooms) {
	}

	/**
	 * A room's history.
	 */
	public record HistoryDescriptor(String room, List<LineDescriptor> lines) {
	}

	/**
	 * One chat line; {@code from} is null for an anonymous reader when it is an address.
	 */
	public record LineDescriptor(String id, @Nullable String from, String text, Instant time) {

		static LineDescriptor of(Event.Chat line, boolean showAddresses) {
			boolean address = line.from().indexOf(':') >= 0;
			return new LineDescriptor(line.id(), (showAddresses || !address) ? line.from() : null, line.text(),
					line.time());
		}

	}

}
