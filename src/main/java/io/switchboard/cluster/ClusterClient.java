package io.switchboard.cluster;

import java.time.Instant;
import java.util.List;

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
