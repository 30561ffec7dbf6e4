package io.switchboard.cluster;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.switchboard.core.ClientSession;

/**
 * One client in the cluster directory.
 *
 * @param rooms the rooms it is in, comma-separated, the one it writes to first
 * @param from how it is shown in chat (nick or address)
 */
public record ClusterClient(String node, String id, String protocol, String remoteAddress, String nick, String rooms,
		Instant connectedAt, String from) {

	/**
	 * The room it writes to.
	 */
	public String room() {
		int comma = this.rooms.indexOf(',');
		return (comma < 0) ? this.rooms : this.rooms.substring(0, comma);
	}

	/**
	 * A client of this node as the directory lists it.
	 */
	static ClusterClient of(String node, ClientSession session) {
		String nick = session.nick();
		return new ClusterClient(node, session.id(), session.protocol().tag(), session.remoteAddress(),
				(nick != null) ? nick : "", roomsOf(session), session.connectedAt(), session.from());
	}

	/**
	 * The directory's rooms field: the room it writes to first.
	 */
	private static String roomsOf(ClientSession session) {
		List<String> rooms = session.membership().all();
		if (rooms.size() == 1) {
			return rooms.getFirst();
		}
		String current = session.room();
		return current + rooms.stream()
			.filter((room) -> !room.equals(current))
			.map((room) -> "," + room)
			.collect(Collectors.joining());
	}

	List<String> roomList() {
		return List.of(this.rooms.split(","));
	}

	String encode() {
		return String.join("\t", this.protocol, this.remoteAddress, this.nick, this.rooms,
				Long.toString(this.connectedAt.toEpochMilli()), this.from);
	}

	static ClusterClient decode(String node, String id, String value) {
		String[] f = value.split("\t", -1);
		if (f.length < 6) {
			throw new IllegalArgumentException("bad directory entry for " + id + ": " + value);
		}
		return new ClusterClient(node, id, f[0], f[1], f[2], f[3], Instant.ofEpochMilli(Long.parseLong(f[4])), f[5]);
	}

}
