package io.switchboard.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Who is where over every live node, read from the directory: {@code /who},
 * {@code /rooms} and the cluster-wide {@code clients} listing. Every read is null (or an
 * exception, for the endpoint) while the link is down, so callers fall back to what this
 * node knows.
 */
final class ClusterRoster {

	private static final Comparator<ClusterClient> BY_ARRIVAL = Comparator.comparing(ClusterClient::connectedAt)
		.thenComparing(ClusterClient::id);

	private final ClusterDirectory directory;

	private final ClusterLink link;

	ClusterRoster(ClusterDirectory directory, ClusterLink link) {
		this.directory = directory;
		this.link = link;
	}

	@Nullable List<String> who(String room) {
		List<ClusterClient> clients = clientsOrNull();
		if (clients == null) {
			return null;
		}
		return clients.stream()
			.filter((client) -> client.roomList().contains(room))
			.sorted(BY_ARRIVAL)
			.map(ClusterClient::from)
			.toList();
	}

	@Nullable SortedMap<String, Integer> rooms() {
		List<ClusterClient> clients = clientsOrNull();
		if (clients == null) {
			return null;
		}
		SortedMap<String, Integer> counts = new TreeMap<>();
		clients.forEach((client) -> client.roomList().forEach((room) -> counts.merge(room, 1, Integer::sum)));
		return counts;
	}

	/**
	 * @throws IllegalStateException if the cluster is unreachable
	 */
	List<ClusterClient> clients() {
		List<ClusterClient> clients = clientsOrNull();
		if (clients == null) {
			throw new IllegalStateException("the cluster is unreachable: " + this.link.lastError());
		}
		return clients.stream().sorted(BY_ARRIVAL).toList();
	}

	private @Nullable List<ClusterClient> clientsOrNull() {
		if (!this.link.isUp()) {
			return null;
		}
		try {
			return this.directory.clients();
		}
		catch (RuntimeException ex) {
			this.link.down(ex);
			return null;
		}
	}

}
